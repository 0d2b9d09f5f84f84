package com.boxoffice.analytics.api;

import com.boxoffice.shared.domain.analytics.AnalyticsReport;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON of an analytics answer, field for field as docs/api.md documents it. Absent values are
 * written as {@code null} (a rate without a value, no degradation, the last page), never left out.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AnalyticsBody(String eventId, String timeZone, String from, String to, String bucket, String asOf,
    Long lagSeconds, boolean stale, boolean degraded, String degradedReason, Totals totals, Rates rates,
    List<Point> series, TicketTypes ticketTypes) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Totals(String currency, long orders, long ticketsSold, long grossAmount, long refundedAmount, long holds,
      long capacity, long checkIns, long exits, long insideNow) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Rate(Double value, String reason) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Rates(Rate sellThrough, Rate checkInRate, Rate refundRate) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Point(String start, long orders, long ticketsSold, long grossAmount, long refundedAmount, long checkIns,
      long exits) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record TicketType(String ticketTypeId, String name, long capacity, long sold, long held, long checkIns,
      long grossAmount) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record TicketTypes(List<TicketType> items, String next) {}

  static AnalyticsBody of(AnalyticsReport r) {
    var t = r.totals();
    return new AnalyticsBody(r.eventId(), r.timeZone().getId(), r.from().toString(), r.to().toString(),
        r.bucket().wire(), r.asOf() == null ? null : r.asOf().toString(), r.lagSeconds(), r.stale(), r.degraded(),
        r.degradedReason() == null ? null : r.degradedReason().wire(),
        new Totals(t.currency(), t.orders(), t.ticketsSold(), t.grossAmount(), t.refundedAmount(), t.holds(),
            t.capacity(), t.checkIns(), t.exits(), t.insideNow()),
        new Rates(rate(r.rates().sellThrough()), rate(r.rates().checkInRate()), rate(r.rates().refundRate())),
        r.series().stream().map(p -> new Point(p.start().toString(), p.orders(), p.ticketsSold(), p.grossAmount(),
            p.refundedAmount(), p.checkIns(), p.exits())).toList(),
        new TicketTypes(r.ticketTypes().stream().map(x -> new TicketType(x.ticketTypeId(), x.name(), x.capacity(),
            x.sold(), x.held(), x.checkIns(), x.grossAmount())).toList(), r.next()));
  }

  private static Rate rate(AnalyticsReport.Rate rate) {
    return new Rate(rate.value(), rate.reason() == null ? null : rate.reason().wire());
  }
}

package com.boxoffice.shared.adapter.stripe;

import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.webhook.StripeEvent;
import com.boxoffice.shared.domain.webhook.StripeEvent.DataObject;
import com.boxoffice.shared.domain.webhook.StripeEvent.MalformedEventException;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.StripeEventParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Stripe's event JSON ({@code id}, {@code type}, {@code created}, {@code data.object}) into
 * the domain's {@link StripeEvent}, taking from the object only the fields the processor decides
 * on. A field that is an expanded object instead of an id ({@code payment_intent}) is read by its
 * {@code id}.
 */
public final class StripeEventJson implements StripeEventParser {

  @Override
  public StripeEvent parse(byte[] json) {
    return read(json);
  }

  public static StripeEvent read(String json) {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  public static StripeEvent read(byte[] json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new MalformedEventException("event is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEventException("event is not a JSON object");
    }
    String id = root.path("id").asText("");
    String type = root.path("type").asText("");
    JsonNode object = root.path("data").path("object");
    if (id.isBlank() || type.isBlank() || !object.isObject()) {
      throw new MalformedEventException("event lacks id, type or data.object");
    }
    long created = root.path("created").asLong(0);
    return new StripeEvent(id, type, Instant.ofEpochSecond(created), dataObject(object),
        new String(json, StandardCharsets.UTF_8));
  }

  private static DataObject dataObject(JsonNode o) {
    String payer = text(o.path("customer_details").path("email"));
    if (payer == null) {
      payer = text(o.path("customer_email"));
    }
    List<RefundRecord> refunds = null;
    JsonNode list = o.path("refunds").path("data");
    if (list.isArray()) {
      refunds = new ArrayList<>();
      for (JsonNode r : list) {
        refunds.add(refund(r));
      }
    }
    return new DataObject(text(o.path("id")), text(o.path("client_reference_id")), metadata(o.path("metadata")),
        text(o.path("payment_status")), idOf(o.path("payment_intent")), o.path("amount_total").asLong(0),
        text(o.path("currency")), o.path("amount_refunded").asLong(0), payer, refunds);
  }

  private static RefundRecord refund(JsonNode r) {
    String status = r.path("status").asText("");
    return new RefundRecord(text(r.path("id")), r.path("amount").asLong(0),
        !status.equals("failed") && !status.equals("canceled"),
        RefundRecord.parseTickets(metadata(r.path("metadata")).get(RefundRecord.TICKETS_METADATA)));
  }

  private static Map<String, String> metadata(JsonNode m) {
    Map<String, String> values = new LinkedHashMap<>();
    if (m.isObject()) {
      m.properties().forEach(e -> {
        if (e.getValue().isValueNode()) {
          values.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return values;
  }

  private static String idOf(JsonNode n) {
    return n.isObject() ? text(n.path("id")) : text(n);
  }

  private static String text(JsonNode n) {
    return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }
}

package com.boxoffice.shared.domain.webhook;

import com.boxoffice.shared.domain.order.Order;
import com.boxoffice.shared.domain.order.OrderStatus;
import com.boxoffice.shared.domain.payment.RefundRecord;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.OrderPayments.Outcome;
import com.boxoffice.shared.port.out.OrderPayments.PaymentConfirmation;
import com.boxoffice.shared.port.out.OrderPayments.RefundDue;
import com.boxoffice.shared.port.out.OrderPayments.RefundReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What each payment event does to an order, decided from the order as it was read: the next
 * status, the tickets to issue or revoke, the seats to move, the flag to raise and whether the
 * payment is to be refunded. An adapter writes a plan conditional on the status it was decided
 * from ({@link Plan#from}) and asks again when that status moved, so the rules live here and
 * nowhere else.
 *
 * <p>Rules worth knowing:
 * <ul>
 *   <li>A payment fulfils an order only when it comes from the order's own checkout session (the
 *   id stored at checkout; for an order whose session id was never stored, a session carrying our
 *   metadata for it) and its amount and currency are the order's. Anything else is refused with
 *   {@link OrderFlag#PAYMENT_MISMATCH}: no tickets, the order's status unchanged, the payment
 *   refunded.</li>
 *   <li>A payment for a cancelled event, or one that arrives after the hold ended and its seats
 *   were resold, makes the order paid with no tickets ({@code needsRefund}) and is refunded.</li>
 *   <li>{@code refunded}: a total of at least the order amount refunds every ticket; a smaller one
 *   revokes only the tickets its refunds name, and money refunded without naming tickets revokes
 *   nothing and flags the order for review. Refunds do not return seats to sale.</li>
 *   <li>{@code disputed}: every still-valid ticket is revoked; a dispute is final.</li>
 * </ul>
 */
public final class OrderTransitions {

  private OrderTransitions() {}

  /** What happens to the ticket types' counters. */
  public enum SeatMove {
    NONE,
    /** The order still holds its seats: held becomes sold. */
    SELL_HELD,
    /** The hold was released: take the seats straight to sold if still available. */
    RETAKE_RELEASED,
    /** The order held seats it will not use: give them back. */
    RELEASE_HELD
  }

  /**
   * One decided transition. {@code outcome} APPLIED (or REFUSED) means there is something to write;
   * any other outcome means nothing changes.
   *
   * @param flag raised on the order (and, for a refused payment, on the payment record)
   * @param refund the payment is to be refunded in full
   */
  public record Plan(Outcome outcome, OrderStatus from, OrderStatus next, List<Ticket> issue, SeatMove seats,
      List<String> revoke, TicketStatus revokeAs, OrderFlag flag, boolean refund, long amountRefundedTotal) {

    public Plan {
      issue = List.copyOf(issue);
      revoke = List.copyOf(revoke);
    }

    static Plan nothing(Outcome outcome) {
      return new Plan(outcome, null, null, List.of(), SeatMove.NONE, List.of(), null, null, false, 0);
    }

    public boolean writes() {
      return outcome == Outcome.APPLIED || outcome == Outcome.REFUSED;
    }

    /** The order's status stays as it was (a refused payment on a pending or paid order). */
    public boolean keepsStatus() {
      return Objects.equals(from, next);
    }
  }

  /** Whether a confirmed payment is the order's own: its session and its amount. */
  public static boolean belongsTo(Order order, PaymentConfirmation c) {
    boolean ownSession = order.checkoutSessionId() != null
        ? order.checkoutSessionId().equals(c.checkoutSessionId())
        : c.createdForOrder();
    return ownSession && c.amountTotal() == order.amountTotal()
        && c.currency() != null && order.currency() != null && order.currency().equalsIgnoreCase(c.currency());
  }

  /** A checkout session of {@code order} was paid. */
  public static Plan paid(Order order, PaymentConfirmation c, boolean eventCancelled) {
    OrderStatus status = order.status();
    if (status.wasPaid() && samePayment(order, c)) {
      return Plan.nothing(Outcome.ALREADY_APPLIED);
    }
    if (status.wasPaid() || !belongsTo(order, c)) {
      // A second payment for a paid order, or money that is not this order's: it buys nothing.
      return new Plan(Outcome.REFUSED, status, status, List.of(), SeatMove.NONE, List.of(), null,
          OrderFlag.PAYMENT_MISMATCH, true, 0);
    }
    if (eventCancelled) {
      return new Plan(Outcome.REFUSED, status, OrderStatus.PAID, List.of(),
          status == OrderStatus.PENDING ? SeatMove.RELEASE_HELD : SeatMove.NONE, List.of(), null,
          OrderFlag.EVENT_CANCELLED, true, 0);
    }
    SeatMove seats = status.endedUnpaid() ? SeatMove.RETAKE_RELEASED : SeatMove.SELL_HELD;
    return new Plan(Outcome.APPLIED, status, OrderStatus.PAID, order.ticketsToIssue(c.at()), seats, List.of(), null,
        null, false, 0);
  }

  /** The seats a late payment tried to re-take were sold meanwhile. */
  public static Plan seatsGone(Order order) {
    return new Plan(Outcome.REFUSED, order.status(), OrderStatus.PAID, List.of(), SeatMove.NONE, List.of(), null,
        OrderFlag.SEATS_GONE, true, 0);
  }

  private static boolean samePayment(Order order, PaymentConfirmation c) {
    if (order.paymentIntentId() != null && c.paymentIntentId() != null) {
      return order.paymentIntentId().equals(c.paymentIntentId());
    }
    return order.checkoutSessionId() != null && order.checkoutSessionId().equals(c.checkoutSessionId());
  }

  /**
   * The refund a refused payment is owed, and whom to tell. A payment that is not the order's own
   * may come from anyone: its payer is told, and nothing about the order. The others are the
   * buyer's own payment, so the buyer is told about their order.
   */
  public static RefundDue refundDue(Order order, PaymentConfirmation c, OrderFlag flag, String refundId) {
    if (flag == OrderFlag.PAYMENT_MISMATCH) {
      return new RefundDue(order.orderId(), c.paymentIntentId(), flag, refundId, c.payerEmail(), null, null,
          c.amountTotal(), c.currency());
    }
    return new RefundDue(order.orderId(), c.paymentIntentId(), flag, refundId, order.email(), order.name(),
        order.eventName(), c.amountTotal(), c.currency());
  }

  /** The session expired or its asynchronous payment failed: end a pending order, release its hold. */
  public static Plan endUnpaid(Order order, String checkoutSessionId, OrderStatus to) {
    if (!to.endedUnpaid()) {
      throw new IllegalArgumentException(to + " is not an unpaid end");
    }
    if (checkoutSessionId != null && order.checkoutSessionId() != null
        && !checkoutSessionId.equals(order.checkoutSessionId())) {
      return Plan.nothing(Outcome.IGNORED);
    }
    if (order.status() == to) {
      return Plan.nothing(Outcome.ALREADY_APPLIED);
    }
    if (order.status() != OrderStatus.PENDING) {
      return Plan.nothing(Outcome.IGNORED);
    }
    return new Plan(Outcome.APPLIED, OrderStatus.PENDING, to, List.of(), SeatMove.RELEASE_HELD, List.of(), null, null,
        false, 0);
  }

  /** The payment of {@code order} was refunded ({@code tickets}: the order's tickets as they are now). */
  public static Plan refunded(Order order, List<Ticket> tickets, RefundReport report) {
    OrderStatus current = order.status();
    if (current == OrderStatus.DISPUTED || !current.wasPaid()) {
      return Plan.nothing(Outcome.IGNORED);
    }
    long total = report.amountRefundedTotal();
    if (current == OrderStatus.REFUNDED || total <= order.amountRefunded()) {
      return Plan.nothing(Outcome.ALREADY_APPLIED);
    }
    boolean whole = total >= order.amountTotal();
    OrderStatus next = whole ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
    Set<String> named = new HashSet<>();
    long namedAmount = 0;
    for (RefundRecord r : report.refunds()) {
      if (r.active() && r.namesTickets()) {
        named.addAll(r.ticketIds());
        namedAmount += r.amount();
      }
    }
    List<String> revoke = new ArrayList<>();
    for (Ticket t : tickets) {
      if (t.status() == TicketStatus.VALID && (whole || named.contains(t.ticketId()))) {
        revoke.add(t.ticketId());
      }
    }
    OrderFlag flag = !whole && total > namedAmount ? OrderFlag.REFUND_REVIEW : null;
    return new Plan(Outcome.APPLIED, current, next, List.of(), SeatMove.NONE, revoke, TicketStatus.REFUNDED, flag,
        false, total);
  }

  /** A dispute was opened on the payment of {@code order}. */
  public static Plan disputed(Order order, List<Ticket> tickets) {
    if (order.status() == OrderStatus.DISPUTED) {
      return Plan.nothing(Outcome.ALREADY_APPLIED);
    }
    if (!order.status().canBecome(OrderStatus.DISPUTED)) {
      return Plan.nothing(Outcome.IGNORED);
    }
    List<String> revoke = tickets.stream().filter(t -> t.status() == TicketStatus.VALID).map(Ticket::ticketId).toList();
    return new Plan(Outcome.APPLIED, order.status(), OrderStatus.DISPUTED, List.of(), SeatMove.NONE, revoke,
        TicketStatus.REVOKED, null, false, 0);
  }
}

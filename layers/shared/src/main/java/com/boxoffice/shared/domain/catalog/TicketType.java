package com.boxoffice.shared.domain.catalog;

/**
 * A kind of ticket for one event and its inventory. {@code held + sold + available = capacity}
 * always holds: {@code available} is kept in the same write that moves {@code held} or
 * {@code sold}, because a DynamoDB condition cannot add attributes together, so the hold condition
 * {@code held + sold + q <= capacity} is written as {@code available >= q}.
 *
 * @param price the price of one ticket in the currency's minor units
 */
public record TicketType(
    String eventId, String ticketTypeId, String name, long price, String currency, int capacity, int held,
    int sold, int available, int maxPerOrder) {}

package com.boxoffice.local;

import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issues a ticket for the demo event straight into the table, without a purchase, and renders its
 * codes with the scanner's own keys: what door staff need to try the scanner on its own
 * ({@code POST /local/demo-ticket}).
 */
final class DemoTickets {
  /** What was issued: the ticket and the two codes that admit it. */
  record Issued(String ticketId, String code, String fallbackCode) {}

  private final DynamoDbClient dynamo;
  private final String table;
  private final SignedTicketCodes codes;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DemoTickets(DynamoDbClient dynamo, String table, SignedTicketCodes codes, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.codes = codes;
    this.clock = clock;
  }

  /**
   * With the keys the scanner function was given (its resolved local environment: by value, or by
   * ARN in the local Secrets Manager), as they are when the stack starts. Codes it makes keep
   * working after a local key rotation until the old key's cut-off, like codes already mailed.
   */
  static DemoTickets forScanner(DynamoDbClient dynamo, Map<String, String> scannerEnv, Clock clock) {
    Env env = new Env(scannerEnv);
    SignedTicketCodes codes = new SignedTicketCodes(SigningKeysSetting.read(new SecretSource(env,
        new AwsClients(env)::secretValue)));
    return new DemoTickets(dynamo, env.required("TABLE_NAME"), codes, clock);
  }

  Issued issue(String eventId, String holderName) {
    byte[] id = new byte[12];
    random.nextBytes(id);
    String orderId = "ord_" + HexFormat.of().formatHex(id);
    Instant now = clock.instant();
    Ticket t = new Ticket(Ticket.idFor(orderId, 1), eventId, orderId, 1, "general", "General admission", holderName,
        TicketStatus.VALID, now, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(12)));
    String fallback = codes.fallbackCodeFor(t);
    dynamo.putItem(b -> b.tableName(table).item(TicketItems.toItem(t)));
    dynamo.putItem(b -> b.tableName(table).item(DynamoDoorStore.fallbackItem(eventId, fallback, t.ticketId(),
        t.validFrom(), t.validUntil())));
    return new Issued(t.ticketId(), codes.codeFor(t), fallback);
  }
}

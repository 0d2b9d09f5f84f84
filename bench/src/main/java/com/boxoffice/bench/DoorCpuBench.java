package com.boxoffice.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.boxoffice.scanner.ScanApi;
import com.boxoffice.scanner.ScannerValidateHandler;
import com.boxoffice.shared.domain.code.CodeCheck;
import com.boxoffice.shared.domain.code.SignedTicketCodes;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.door.DoorRulesCache;
import com.boxoffice.shared.port.out.ScanMetrics;
import com.boxoffice.shared.domain.door.Direction;
import com.boxoffice.shared.port.out.DoorStore;
import com.boxoffice.shared.domain.door.ScanRequest;
import com.boxoffice.shared.domain.catalog.EventStatus;
import com.boxoffice.shared.domain.door.DoorEvent;
import com.boxoffice.shared.domain.door.ScannerAssignment;
import com.boxoffice.shared.domain.door.TicketAtDoor;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.domain.ticket.TicketStatus;
import com.boxoffice.shared.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scanner's own CPU path with the I/O taken out: the code's HMAC check alone, and the whole
 * handler (event to request, strict JSON body, checks, the code, the decision, the JSON answer,
 * its log lines) with a door store and a rate limiter that answer from memory. Run by
 * {@link JmhSuite}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DoorCpuBench {
  SignedTicketCodes codes;
  String code;
  Instant now;
  APIGatewayV2HTTPEvent event;
  ScannerValidateHandler handler;

  @Setup
  public void setUp() {
    byte[] secret = new byte[32];
    String keys = "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + Base64.getEncoder().encodeToString(secret)
        + "\"}}}";
    codes = new SignedTicketCodes(SigningKeysSetting.parse(keys, "QR_SIGNING_KEYS"));
    now = Instant.now();
    Ticket t = new Ticket(Ticket.idFor("ord_0123456789abcdef01234567", 1), "evt-bench", "ord_0123456789abcdef01234567",
        1, "general", "General admission", "Ada Lovelace", TicketStatus.VALID, now, now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofHours(8)));
    code = codes.codeFor(t);
    TicketAtDoor after = new TicketAtDoor(t.ticketId(), t.eventId(), TicketStatus.VALID, "general",
        "General admission", "Ada Lovelace", true, now, 1, now, "north", "scanner-0", "n-1", Direction.ENTRY,
        java.util.Set.of());
    DoorStore memory = new DoorStore() {
      @Override
      public DoorRules rules(String scannerId, String eventId) {
        return new DoorRules(Optional.of(new ScannerAssignment(false)),
            Optional.of(new DoorEvent(EventStatus.ON_SALE, false, false, true)));
      }

      @Override
      public Optional<FallbackEntry> fallback(String eventId, String normalizedCode) {
        return Optional.empty();
      }

      @Override
      public Redemption enter(String ticketId, ScanRequest scan, boolean allowReentry) {
        return new Redemption.Applied(after);
      }

      @Override
      public Redemption exit(String ticketId, ScanRequest scan) {
        return new Redemption.Applied(after);
      }

      @Override
      public void log(ScanLogEntry entry) {
        // in memory: nothing to write
      }
    };
    RateLimiter unlimited = (limit, key) -> new RateLimiter.Decision(true, limit.limit(), Duration.ZERO);
    handler = new ScannerValidateHandler(ScanApi.wire(codes, memory, unlimited, 1_000_000, DoorRulesCache.DEFAULT_TTL,
        Clock.systemUTC(), ScanMetrics.none()));
    event = Events.scan("scanner-0", "evt-bench", code, "n-1");
  }

  @Benchmark
  public CodeCheck verifyCode() {
    return codes.verify(code, now);
  }

  @Benchmark
  public Object handlerWithoutIo() {
    return handler.handleRequest(event, null);
  }
}

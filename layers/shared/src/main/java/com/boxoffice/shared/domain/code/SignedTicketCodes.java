package com.boxoffice.shared.domain.code;

import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.shared.port.out.TicketCodes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed ticket codes (format in docs/ticket-codes.md): a compact binary payload (format, key
 * number, ticket id, event id, validity window, and for rotating codes the time step) followed
 * by the first 16 bytes of its HMAC-SHA256 under a key derived for the event from a master
 * secret (for rotating codes: under a per-ticket secret the buyer's app holds, see
 * {@link RotatingCodeSeed}), the whole encoded in Base45 so the QR symbol uses alphanumeric mode and stays at
 * version 5 or below at error correction Q. The typable fallback is 12 Crockford Base32 symbols
 * of an HMAC of the ticket id under the fallback key, looked up through a stored index.
 *
 * <p>Parsing is strict: one canonical spelling, a known format and key, every byte accounted
 * for, the tag compared in constant time. The keys come in as plain values: {@code
 * config.SigningKeysSetting} reads them from the environment or Secrets Manager.
 */
public final class SignedTicketCodes implements TicketCodes {
  /** High nibble of the first byte: the format version. Low nibble: the flags below. */
  static final int VERSION_1 = 0x10;
  static final int FLAG_ROTATING = 0x01;
  static final int FLAG_TEXT_TICKET_ID = 0x02;
  /** The validity window is stored as its start and its length in minutes (at most about 45 days). */
  static final long MAX_WINDOW_MINUTES = 0xFFFF;
  static final int TAG_BYTES = 16;
  static final int MAX_ID_BYTES = 64;
  /** Characters a code may have at most: QR version 5 at level Q holds 87 alphanumerics. */
  public static final int MAX_CODE_CHARS = 87;
  public static final int FALLBACK_CHARS = 12;
  /** The longest event id (UTF-8 bytes) a static code of a checkout ticket id can carry at version 5. */
  public static final int MAX_EVENT_ID_BYTES = 20;
  /**
   * A static code of a reissued ticket: one byte of code version follows the validity window. Static codes of
   * tickets never reissued (and rotating codes, which always carry their version) leave the flag clear and are byte for byte what they always were.
   */
  static final int FLAG_REISSUED = 0x04;
  /** The same for rotating codes, which carry six more bytes (step, code version, counter). */
  public static final int MAX_ROTATING_EVENT_ID_BYTES = 14;
  /** Bytes of a rotating code's time-step counter, the only part of the body that changes from step to step. */
  static final int COUNTER_BYTES = 4;
  private static final Pattern COMPACT_TICKET = Pattern.compile("ord_([0-9a-f]{24})-([1-9][0-9]{0,2})");
  private static final byte[] CODE_INFO = "boxoffice/ticket-code/v1/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALLBACK_INFO = "boxoffice/fallback-code/v1/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROTATING_INFO = "boxoffice/rotating-secret/v1/".getBytes(StandardCharsets.US_ASCII);

  private final SigningKeys keys;
  /**
   * Per signing key and event, an HMAC already keyed with the event's code key: the HKDF step and
   * the HMAC's key set-up run once per event rather than on every scan, and each check clones it.
   * A container sees a handful of events; the map is emptied if it ever holds more than {@link
   * #MAX_KEYED_EVENTS}.
   */
  private final Map<EventKey, Mac> keyedCodeMacs = new ConcurrentHashMap<>();
  private static final int MAX_KEYED_EVENTS = 1024;

  /** A signing key (by identity: its secret is an array) and an event. */
  private record EventKey(SigningKeys.Key key, String eventId) {}

  public SignedTicketCodes(SigningKeys keys) {
    this.keys = keys;
  }

  /**
   * Why a static code could not be issued for a ticket of checkout's shape ({@code ord_<24 hex>-<seq>})
   * of this event valid over this window, or empty when it can. Checkout asks before it sells, so
   * a buyer is never charged for tickets fulfilment could not issue.
   */
  public static Optional<String> whyNoCodeFor(String eventId, Instant validFrom, Instant validUntil) {
    int idBytes = eventId.getBytes(StandardCharsets.UTF_8).length;
    if (idBytes > MAX_EVENT_ID_BYTES) {
      return Optional.of("event id is " + idBytes + " bytes; codes carry at most " + MAX_EVENT_ID_BYTES);
    }
    // the same rounding as encode: from whole seconds, out to whole minutes
    Duration window = Duration.between(Instant.ofEpochSecond(validFrom.getEpochSecond()), validUntil);
    if (window.isNegative() || window.toDays() > 366
        || (window.toNanos() + 59_999_999_999L) / 60_000_000_000L < 1
        || (window.toNanos() + 59_999_999_999L) / 60_000_000_000L > MAX_WINDOW_MINUTES) {
      return Optional.of("ticket validity window must be 1 minute to " + MAX_WINDOW_MINUTES + " minutes");
    }
    return Optional.empty();
  }

  public SigningKeys keys() {
    return keys;
  }

  @Override
  public String codeFor(Ticket ticket) {
    return encodeStatic(ticket);
  }

  /** The code an app shows during the time step that contains {@code at}, at the ticket's code version. */
  public String rotatingCodeFor(Ticket ticket, Instant at, Duration step) {
    return rotatingSeedFor(ticket, ticket.codeVersion(), step).codeAt(at);
  }

  /**
   * What the buyer's app needs to show a ticket's rotating code offline (docs/ticket-codes.md,
   * "Rotating codes"): the fixed part of the code and the per-ticket secret its steps are signed
   * with. The secret is derived from the active key, the event and the ticket's
   * {@code codeVersion}, never stored, and changes when the ticket is reissued.
   */
  public RotatingCodeSeed rotatingSeedFor(Ticket ticket, int codeVersion, Duration step) {
    int seconds = (int) step.toSeconds();
    if (seconds < 1 || seconds > 255 || step.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("step must be 1 to 255 whole seconds");
    }
    if (codeVersion < 0 || codeVersion > 255) {
      throw new IllegalArgumentException("code version must be 0 to 255");
    }
    SigningKeys.Key key = keys.active();
    ByteArrayOutputStream out = fixedPart(ticket, key, FLAG_ROTATING);
    out.write(seconds);
    out.write(codeVersion);
    byte[] prefix = out.toByteArray();
    // the longest code this seed can produce must still fit a version 5 symbol
    int chars = ((prefix.length + COUNTER_BYTES + TAG_BYTES) / 2) * 3 + ((prefix.length + COUNTER_BYTES + TAG_BYTES) % 2) * 2;
    if (chars > MAX_CODE_CHARS) {
      throw new IllegalArgumentException("ticket " + ticket.ticketId() + ": ids too long for a rotating version 5 QR code");
    }
    return new RotatingCodeSeed(prefix, rotatingSecret(key, ticket.eventId(), prefix), seconds);
  }

  @Override
  public Optional<RotatingCodeSeed> rotatingSeed(Ticket ticket, int codeVersion, Duration step) {
    return Optional.of(rotatingSeedFor(ticket, codeVersion, step));
  }

  /** The per-ticket secret: HMAC-SHA256, under the event's rotating key, of everything but the counter. */
  private static byte[] rotatingSecret(SigningKeys.Key key, String eventId, byte[] prefix) {
    return hmac(derive(key.secret(), ROTATING_INFO, eventId), prefix);
  }

  @Override
  public String fallbackCodeFor(Ticket ticket) {
    return fallbackCode(ticket.eventId(), ticket.ticketId(), ticket.codeVersion());
  }

  public String fallbackCode(String eventId, String ticketId) {
    return fallbackCode(eventId, ticketId, 0);
  }

  /**
   * The fallback code of a ticket at a code version: version 0 is the code the ticket was issued
   * with; a reissued ticket's fallback code is derived from its id and version, so the old one
   * stops naming it.
   */
  public String fallbackCode(String eventId, String ticketId, int codeVersion) {
    byte[] key = derive(keys.fallback().secret(), FALLBACK_INFO, eventId);
    String input = codeVersion == 0 ? ticketId : ticketId + "#v" + codeVersion;
    return CrockfordBase32.encode(hmac(key, input.getBytes(StandardCharsets.UTF_8)), FALLBACK_CHARS);
  }

  /** Whether {@code text} has the shape of a fallback code (after Crockford normalisation). */
  public static boolean looksLikeFallback(String text) {
    String n = CrockfordBase32.normalize(text);
    return n != null && n.length() == FALLBACK_CHARS && text.length() <= 2 * FALLBACK_CHARS;
  }

  private String encodeStatic(Ticket ticket) {
    SigningKeys.Key key = keys.active();
    int version = ticket.codeVersion();
    ByteArrayOutputStream out = fixedPart(ticket, key, version > 0 ? FLAG_REISSUED : 0);
    if (version > 0) {
      out.write(version);
    }
    byte[] body = out.toByteArray();
    byte[] tag = tag(key, ticket.eventId(), body);
    byte[] all = Arrays.copyOf(body, body.length + TAG_BYTES);
    System.arraycopy(tag, 0, all, body.length, TAG_BYTES);
    String code = Base45.encode(all);
    if (code.length() > MAX_CODE_CHARS) {
      throw new IllegalArgumentException("ticket " + ticket.ticketId() + ": ids too long for a version 5 QR code");
    }
    return code;
  }

  /** Format byte, key number, ticket id, event id and validity window: what every code starts with. */
  private static ByteArrayOutputStream fixedPart(Ticket ticket, SigningKeys.Key key, int flags) {
    Matcher m = COMPACT_TICKET.matcher(ticket.ticketId());
    boolean compact = m.matches() && Integer.parseInt(m.group(2)) <= 255;
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(VERSION_1 | flags | (compact ? 0 : FLAG_TEXT_TICKET_ID));
    out.write(key.number());
    if (compact) {
      out.writeBytes(HexFormat.of().parseHex(m.group(1)));
      out.write(Integer.parseInt(m.group(2)));
    } else {
      writeText(out, ticket.ticketId());
    }
    writeText(out, ticket.eventId());
    long from = ticket.validFrom().getEpochSecond();
    // the window is rounded out to whole minutes: a code never admits less than its ticket does
    Duration window = Duration.between(Instant.ofEpochSecond(from), ticket.validUntil());
    long minutes = (window.toNanos() + 59_999_999_999L) / 60_000_000_000L;
    if (minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
      throw new IllegalArgumentException("ticket " + ticket.ticketId() + ": validity window must be 1 minute to 45 days");
    }
    writeU32(out, from);
    out.write((int) (minutes >>> 8));
    out.write((int) minutes);
    return out;
  }

  /** Reads a scanned code: its verified payload, or the reason it is refused. Never throws. */
  public CodeCheck verify(String code, Instant now) {
    if (code == null || code.length() < 20 || code.length() > MAX_CODE_CHARS) {
      return new CodeCheck.Rejected("malformed");
    }
    byte[] all = Base45.decodeOrNull(code);
    if (all == null || all.length < TAG_BYTES + 12) {
      return new CodeCheck.Rejected("malformed");
    }
    ByteBuffer in = ByteBuffer.wrap(all, 0, all.length - TAG_BYTES);
    int format = in.get() & 0xFF;
    if ((format & 0xF0) != VERSION_1 || (format & 0x0F) > (FLAG_ROTATING | FLAG_TEXT_TICKET_ID | FLAG_REISSUED)
        || (format & (FLAG_ROTATING | FLAG_REISSUED)) == (FLAG_ROTATING | FLAG_REISSUED)) {
      return new CodeCheck.Rejected("unknown_version");
    }
    int keyNumber = in.get() & 0xFF;
    TicketCodePayload payload;
    try {
      String ticketId;
      if ((format & FLAG_TEXT_TICKET_ID) == 0) {
        byte[] order = new byte[12];
        in.get(order);
        int seq = in.get() & 0xFF;
        if (seq == 0) {
          return new CodeCheck.Rejected("malformed");
        }
        ticketId = "ord_" + HexFormat.of().formatHex(order) + "-" + seq;
      } else {
        ticketId = readText(in);
        Matcher compact = ticketId == null ? null : COMPACT_TICKET.matcher(ticketId);
        if (compact != null && compact.matches() && Integer.parseInt(compact.group(2)) <= 255) {
          return new CodeCheck.Rejected("malformed");
        }
      }
      String eventId = readText(in);
      Instant from = Instant.ofEpochSecond(in.getInt() & 0xFFFFFFFFL);
      int minutes = in.getShort() & 0xFFFF;
      Instant until = from.plusSeconds(60L * minutes);
      int codeVersion = 0;
      if ((format & FLAG_REISSUED) != 0) {
        codeVersion = in.get() & 0xFF;
        if (codeVersion == 0) {
          return new CodeCheck.Rejected("malformed");
        }
      }
      int step = 0;
      long counter = 0;
      if ((format & FLAG_ROTATING) != 0) {
        step = in.get() & 0xFF;
        codeVersion = in.get() & 0xFF;
        counter = in.getInt() & 0xFFFFFFFFL;
        if (step == 0) {
          return new CodeCheck.Rejected("malformed");
        }
      }
      if (ticketId == null || eventId == null || in.hasRemaining() || minutes == 0) {
        return new CodeCheck.Rejected("malformed");
      }
      payload = new TicketCodePayload(keyNumber, ticketId, eventId, from, until, step, counter, codeVersion);
    } catch (java.nio.BufferUnderflowException e) {
      return new CodeCheck.Rejected("malformed");
    }
    var key = keys.byNumber(keyNumber);
    if (key.isEmpty()) {
      return new CodeCheck.Rejected("unknown_key");
    }
    byte[] body = Arrays.copyOf(all, all.length - TAG_BYTES);
    byte[] expected = payload.rotating()
        ? RotatingCodeSeed.tag(rotatingSecret(key.get(), payload.eventId(),
            Arrays.copyOf(body, body.length - COUNTER_BYTES)), body)
        : tag(key.get(), payload.eventId(), body);
    byte[] actual = Arrays.copyOfRange(all, all.length - TAG_BYTES, all.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      return new CodeCheck.Rejected("bad_signature");
    }
    if (!key.get().acceptsAt(now)) {
      return new CodeCheck.Rejected("retired_key");
    }
    return new CodeCheck.Verified(payload);
  }

  /** A static code's tag: the first 16 bytes of HMAC-SHA256 under the event's code key. */
  private byte[] tag(SigningKeys.Key key, String eventId, byte[] body) {
    Mac keyed = keyedCodeMacs.get(new EventKey(key, eventId));
    if (keyed == null) {
      if (keyedCodeMacs.size() >= MAX_KEYED_EVENTS) {
        keyedCodeMacs.clear();
      }
      keyed = keyedMac(derive(key.secret(), CODE_INFO, eventId));
      keyedCodeMacs.putIfAbsent(new EventKey(key, eventId), keyed);
    }
    Mac mac;
    try {
      mac = (Mac) keyed.clone();
    } catch (CloneNotSupportedException e) {
      mac = keyedMac(derive(key.secret(), CODE_INFO, eventId));
    }
    return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
  }

  /** HKDF-Expand (RFC 5869) of one block, with the master secret as the pseudorandom key. */
  static byte[] derive(byte[] master, byte[] info, String eventId) {
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[info.length + id.length + 1];
    System.arraycopy(info, 0, input, 0, info.length);
    System.arraycopy(id, 0, input, info.length, id.length);
    input[input.length - 1] = 0x01;
    return hmac(master, input);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    return keyedMac(key).doFinal(data);
  }

  private static Mac keyedMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static void writeText(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 1 || bytes.length > MAX_ID_BYTES) {
      throw new IllegalArgumentException("id must be 1 to " + MAX_ID_BYTES + " bytes");
    }
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  private static String readText(ByteBuffer in) {
    int len = in.get() & 0xFF;
    if (len < 1 || len > MAX_ID_BYTES) {
      return null;
    }
    byte[] bytes = new byte[len];
    in.get(bytes);
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private static void writeU32(ByteArrayOutputStream out, long value) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("time out of range");
    }
    out.write((int) (value >>> 24));
    out.write((int) (value >>> 16));
    out.write((int) (value >>> 8));
    out.write((int) value);
  }
}

package com.boxoffice.shared.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.webhook.InvalidStripeSignatureException.Reason;
import com.boxoffice.shared.testing.MutableClock;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSignatureVerifierTest {
  static final String SECRET = "whsec_test_current";
  static final String OLD_SECRET = "whsec_test_previous";
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
      + "\"created\":1900000000,\"data\":{\"object\":{\"id\":\"cs_1\",\"object\":\"checkout.session\","
      + "\"client_reference_id\":\"ord_\u00e9\u00fc\u2603\"}}}";

  final MutableClock clock = new MutableClock(NOW);
  final StripeSignatureVerifier verifier = new StripeSignatureVerifier(List.of(SECRET), Duration.ofSeconds(300), clock);

  static byte[] body() {
    return BODY.getBytes(StandardCharsets.UTF_8);
  }

  static Reason refusal(StripeSignatureVerifier v, byte[] body, String header) {
    try {
      v.verify(body, header);
    } catch (InvalidStripeSignatureException e) {
      return e.reason();
    }
    return null;
  }

  @Test
  void acceptsABodySignedWithTheSecret() {
    assertThatCode(() -> verifier.verify(body(), StripeSignatures.sign(body(), SECRET, NOW))).doesNotThrowAnyException();
  }

  @Test
  void agreesWithStripeJavasHmacByteForByte() throws Exception {
    long t = NOW.getEpochSecond();
    String stripeHex = Webhook.Util.computeHmacSha256(SECRET, t + "." + BODY);
    assertThat(StripeSignatures.sign(body(), SECRET, NOW)).isEqualTo("t=" + t + ",v1=" + stripeHex);
    assertThatCode(() -> verifier.verify(body(), "t=" + t + ",v1=" + stripeHex)).doesNotThrowAnyException();
  }

  @Test
  void stripeJavaAcceptsWhatWeSignAndWeAcceptWhatStripeJavaSigns() throws Exception {
    Instant now = Instant.now();
    StripeSignatureVerifier live = new StripeSignatureVerifier(List.of(SECRET), Duration.ofSeconds(300),
        java.time.Clock.systemUTC());
    Event event = Webhook.constructEvent(BODY, StripeSignatures.sign(body(), SECRET, now), SECRET);
    assertThat(event.getId()).isEqualTo("evt_1");
    String theirs = Webhook.Signature.generateSignatureHeader(BODY, SECRET, now.getEpochSecond());
    assertThatCode(() -> live.verify(body(), theirs)).doesNotThrowAnyException();
  }

  @Test
  void refusesAWrongSecret() {
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), "whsec_other", NOW)))
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void refusesATamperedBody() {
    String header = StripeSignatures.sign(body(), SECRET, NOW);
    byte[] tampered = BODY.replace("cs_1", "cs_2").getBytes(StandardCharsets.UTF_8);
    assertThat(refusal(verifier, tampered, header)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    byte[] extraSpace = (BODY + " ").getBytes(StandardCharsets.UTF_8);
    assertThat(refusal(verifier, extraSpace, header)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void refusesStaleAndFutureTimestampsBeyondTheTolerance() {
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), SECRET, NOW.minusSeconds(301))))
        .isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), SECRET, NOW.plusSeconds(301))))
        .isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), SECRET, NOW.minusSeconds(300)))).isNull();
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), SECRET, NOW.plusSeconds(300)))).isNull();
  }

  @Test
  void refusesAMissingOrMalformedHeader() {
    assertThat(refusal(verifier, body(), null)).isEqualTo(Reason.MISSING_HEADER);
    assertThat(refusal(verifier, body(), " ")).isEqualTo(Reason.MISSING_HEADER);
    String sig = StripeSignatures.sign(body(), SECRET, NOW);
    String v1Only = sig.substring(sig.indexOf(",") + 1);
    assertThat(refusal(verifier, body(), v1Only)).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(refusal(verifier, body(), "t=" + NOW.getEpochSecond())).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(refusal(verifier, body(), "t=abc,v1=00")).isEqualTo(Reason.MALFORMED_HEADER);
    // v0 (Stripe's test scheme) never counts.
    assertThat(refusal(verifier, body(), sig.replace("v1=", "v0="))).isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
    String good = StripeSignatures.sign(body(), SECRET, NOW);
    String goodHex = good.substring(good.indexOf("v1=") + 3);
    String header = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v0=ignored,v1=" + goodHex;
    assertThat(refusal(verifier, body(), header)).isNull();
    String none = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v1=" + "f".repeat(64);
    assertThat(refusal(verifier, body(), none)).isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void acceptsBothSecretsDuringRotation() {
    var rotating = new StripeSignatureVerifier(StripeSignatureVerifier.parseSecrets(SECRET + ", " + OLD_SECRET),
        Duration.ofSeconds(300), clock);
    assertThat(refusal(rotating, body(), StripeSignatures.sign(body(), SECRET, NOW))).isNull();
    assertThat(refusal(rotating, body(), StripeSignatures.sign(body(), OLD_SECRET, NOW))).isNull();
    assertThat(refusal(verifier, body(), StripeSignatures.sign(body(), OLD_SECRET, NOW)))
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    // Stripe signs with both secrets during a roll: one header, two v1 values.
    String both = StripeSignatures.sign(body(), OLD_SECRET, NOW) + ",v1="
        + StripeSignatures.sign(body(), SECRET, NOW).split("v1=")[1];
    assertThat(refusal(verifier, body(), both)).isNull();
  }

  @Test
  void refusesToStartWithoutASecret() {
    assertThatThrownBy(() -> new StripeSignatureVerifier(List.of(), Duration.ofSeconds(300), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StripeSignatureVerifier(StripeSignatureVerifier.parseSecrets(" , "),
        Duration.ofSeconds(300), clock)).isInstanceOf(IllegalArgumentException.class);
  }
}

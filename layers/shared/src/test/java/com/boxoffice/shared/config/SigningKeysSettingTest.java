package com.boxoffice.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.code.SigningKeys;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QR_SIGNING_KEYS setting: what it accepts, and that every refusal names it and never a secret. */
class SigningKeysSettingTest {
  static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void aRotationReadsIntoActiveFallbackAndRetiringKeys() {
    SigningKeys keys = SigningKeysSetting.parse("{\"active\":\"k2\",\"fallback\":\"k1\",\"keys\":{"
        + "\"k1\":{\"secret\":\"" + K1 + "\",\"notAfter\":\"2036-07-01T00:00:00Z\"},"
        + "\"k2\":{\"secret\":\"" + K2 + "\"}}}", SigningKeysSetting.NAME);

    assertThat(keys.active().id()).isEqualTo("k2");
    assertThat(keys.active().number()).isEqualTo(2);
    assertThat(keys.fallback().id()).isEqualTo("k1");
    assertThat(keys.byNumber(1)).hasValueSatisfying(k -> {
      assertThat(k.acceptsAt(Instant.parse("2036-06-30T23:59:59Z"))).isTrue();
      assertThat(k.acceptsAt(Instant.parse("2036-07-01T00:00:00Z"))).isFalse();
    });
    assertThat(keys.byNumber(3)).isEmpty();
  }

  @Test
  void configurationProblemsNameTheSettingAndNeverTheSecret() {
    String[] bad = {
        "not json",
        "{\"keys\":{}}",
        "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"c2hvcnQ=\"}}}",
        "{\"active\":\"k1\",\"keys\":{\"key-one\":{\"secret\":\"" + K1 + "\"}}}",
        "{\"active\":\"k2\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\"}}}",
        "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\",\"notAfter\":\"tomorrow\"}}}",
        "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\",\"notAfter\":\"2036-01-01T00:00:00Z\"}}}",
        "{\"active\":\"k1\",\"fallback\":\"k7\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\"}}}",
        "{\"active\":\"k256\",\"keys\":{\"k256\":{\"secret\":\"" + K1 + "\"}}}",
    };
    for (String json : bad) {
      assertThatThrownBy(() -> SigningKeysSetting.read(new SecretSource(new Env(Map.of("QR_SIGNING_KEYS", json)),
          arn -> null)))
          .as(json).isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("QR_SIGNING_KEYS")
          .hasMessageNotContaining(K1);
    }
  }

  @Test
  void theKeysMayComeFromSecretsManagerAndTheirAbsenceNamesBothSettings() {
    assertThatThrownBy(() -> SigningKeysSetting.read(new SecretSource(new Env(Map.of()), arn -> null)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("QR_SIGNING_KEYS_SECRET_ARN");

    var fromArn = new Env(Map.of("QR_SIGNING_KEYS_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:qr"));
    SigningKeys keys = SigningKeysSetting.read(new SecretSource(fromArn,
        arn -> "{\"active\":\"k1\",\"keys\":{\"k1\":{\"secret\":\"" + K1 + "\"}}}"));

    assertThat(keys.active().secret()).isEqualTo(new byte[32]);
  }
}

package com.boxoffice.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.config.ConfigurationException;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.order.CheckoutCaching;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog cache and sold-out hint settings, read once at init: their defaults, their values, their bounds. */
@Tag("fast")
class CheckoutCachingSettingsTest {

  @Test
  void unsetTheyTakeTheDocumentedDefaults() {
    assertThat(CheckoutWiring.caching(new Env(Map.of()))).isEqualTo(CheckoutCaching.DEFAULT);
    assertThat(CheckoutCaching.DEFAULT).isEqualTo(new CheckoutCaching(Duration.ofSeconds(5), Duration.ofSeconds(2)));
  }

  @Test
  void zeroTurnsEachOff() {
    assertThat(CheckoutWiring.caching(new Env(Map.of(CheckoutWiring.CATALOG_CACHE_SETTING, "0",
        CheckoutWiring.SOLD_OUT_HINT_SETTING, "0")))).isEqualTo(CheckoutCaching.OFF);
  }

  @Test
  void aValueOutOfBoundsOrNotANumberFailsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> CheckoutWiring.caching(new Env(Map.of(CheckoutWiring.CATALOG_CACHE_SETTING, "61"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(CheckoutWiring.CATALOG_CACHE_SETTING);
    assertThatThrownBy(() -> CheckoutWiring.caching(new Env(Map.of(CheckoutWiring.SOLD_OUT_HINT_SETTING, "soon"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(CheckoutWiring.SOLD_OUT_HINT_SETTING);
  }
}

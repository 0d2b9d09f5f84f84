package com.boxoffice.shared.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on 127.0.0.1 and a free port, started before each test and stopped after it:
 * {@code @RegisterExtension final LoopbackWireMock stripe = new LoopbackWireMock();} and then the
 * usual {@code stripe.stubFor(...)}, {@code stripe.baseUrl()}. Used to play Stripe failing, or to
 * stand in front of DynamoDB Local and answer some calls with faults.
 */
public final class LoopbackWireMock extends WireMockServer implements BeforeEachCallback, AfterEachCallback {

  public LoopbackWireMock() {
    super(options().bindAddress("127.0.0.1").dynamicPort());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }
}

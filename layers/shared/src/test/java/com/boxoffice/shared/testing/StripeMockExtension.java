package com.boxoffice.shared.testing;

import com.boxoffice.testkit.FreePort;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts stripe-mock (Stripe's own mock API server) once per test JVM on a
 * free port on 127.0.0.1, stops it when the JVM's tests end, and gives test methods and
 * constructors a {@link StripeMock} with its base URL.
 *
 * <p>The binary is taken from {@code STRIPE_MOCK_BIN} (environment or system property), else
 * {@code <repo>/.tools/bin/stripe-mock} as {@code scripts/install-tools.sh} installs it (see
 * {@link ToolServer}). A missing binary fails the test with the command that installs it.
 */
public final class StripeMockExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StripeMockExtension.class);

  /** A running stripe-mock. Any {@code sk_test_} key is accepted. */
  public record StripeMock(String baseUrl) {
    public static final String API_KEY = "sk_test_boxoffice";
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StripeMock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new StripeMock(context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> start(), Server.class)
        .server().baseUrl());
  }

  private static Server start() {
    int port = FreePort.pick();
    // -https-addr too: -http-addr alone would still open the default HTTPS listener on all interfaces.
    return new Server(ToolServer.start("stripe-mock", "STRIPE_MOCK_BIN", "stripe-mock",
        List.of("-http-addr", "127.0.0.1:" + port, "-https-addr", "127.0.0.1:0"), port));
  }

  private record Server(ToolServer server) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }
}

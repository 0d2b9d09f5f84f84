package com.boxoffice.shared.testing;

import com.boxoffice.testkit.FreePort;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts stripe-mock (Stripe's own mock API server) once per test JVM on a
 * free port on 127.0.0.1, stops it when the JVM's tests end, and gives test methods and
 * constructors a {@link StripeMock} with its base URL.
 *
 * <p>The binary is taken from {@code STRIPE_MOCK_BIN} (environment or system property), else
 * {@code <repo>/.tools/bin/stripe-mock} as {@code scripts/install-tools.sh} installs it, else the
 * same path in the repository's main worktree when this checkout is a linked git worktree. A
 * missing binary fails the test with the command that installs it.
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
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> Server.start(), Server.class).mock;
  }

  private record Server(Process process, StripeMock mock) implements ExtensionContext.Store.CloseableResource {
    static Server start() {
      Path bin = binary().orElseThrow(() -> new IllegalStateException(
          "stripe-mock is not installed; run: bash scripts/install-tools.sh stripe-mock (or set STRIPE_MOCK_BIN)"));
      int port = FreePort.pick();
      try {
        Path log = Files.createTempFile("stripe-mock", ".log");
        Process p = new ProcessBuilder(List.of(bin.toString(), "-http-addr", "127.0.0.1:" + port,
            "-https-addr", "127.0.0.1:0"))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!listening(port)) {
          if (!p.isAlive()) {
            throw new IllegalStateException("stripe-mock exited: " + Files.readString(log));
          }
          if (Instant.now().isAfter(deadline)) {
            p.destroyForcibly();
            throw new IllegalStateException("stripe-mock did not listen on 127.0.0.1:" + port + " within 30 s");
          }
          Thread.sleep(50);
        }
        return new Server(p, new StripeMock("http://127.0.0.1:" + port));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start stripe-mock", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting stripe-mock", e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Optional<Path> binary() {
    String configured = Optional.ofNullable(System.getenv("STRIPE_MOCK_BIN")).orElse(System.getProperty("STRIPE_MOCK_BIN"));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Path root = RepoRoot.find();
    Path local = root.resolve(".tools/bin/stripe-mock");
    if (Files.isExecutable(local)) {
      return Optional.of(local);
    }
    return mainWorktree(root).map(m -> m.resolve(".tools/bin/stripe-mock")).filter(Files::isExecutable);
  }

  /** For a linked worktree, {@code .git} is a file naming {@code <main>/.git/worktrees/<name>}. */
  private static Optional<Path> mainWorktree(Path root) {
    Path dotGit = root.resolve(".git");
    if (!Files.isRegularFile(dotGit)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(dotGit).trim();
      if (!line.startsWith("gitdir:")) {
        return Optional.empty();
      }
      Path gitDir = root.resolve(line.substring("gitdir:".length()).trim()).normalize();
      Path common = gitDir.getParent() == null ? null : gitDir.getParent().getParent();
      return common == null || !common.getFileName().toString().equals(".git")
          ? Optional.empty() : Optional.ofNullable(common.getParent());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

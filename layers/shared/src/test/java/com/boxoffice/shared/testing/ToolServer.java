package com.boxoffice.shared.testing;

import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A helper server the tests run as a child process (stripe-mock, the SES emulator): found where
 * {@code scripts/install-tools.sh} puts it, started on a given port of 127.0.0.1, waited for
 * until it accepts connections, and stopped with its process.
 */
public record ToolServer(String name, Process process, int port) implements AutoCloseable {

  /**
   * Starts {@code <binary> args...} and waits up to 30 s for it to listen on {@code port}.
   *
   * @param tool the name under {@code .tools/bin} and in the install hint
   * @param override an environment variable or system property that may name the binary instead
   */
  public static ToolServer start(String tool, String override, String installName, List<String> args, int port) {
    Path bin = binary(tool, override).orElseThrow(() -> new IllegalStateException(
        tool + " is not installed; run: bash scripts/install-tools.sh " + installName + " (or set " + override + ")"));
    try {
      Path log = Files.createTempFile(tool, ".log");
      List<String> command = new ArrayList<>();
      command.add(bin.toString());
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!listening(port)) {
        if (!p.isAlive()) {
          throw new IllegalStateException(tool + " exited: " + Files.readString(log));
        }
        if (Instant.now().isAfter(deadline)) {
          p.destroyForcibly();
          throw new IllegalStateException(tool + " did not listen on 127.0.0.1:" + port + " within 30 s");
        }
        Thread.sleep(50);
      }
      return new ToolServer(tool, p, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + tool, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + tool, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
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

  /**
   * The binary named by {@code override} (environment or system property), else
   * {@code <repo>/.tools/bin/<tool>}, else the same path in the repository's main worktree when
   * this checkout is a linked git worktree.
   */
  static Optional<Path> binary(String tool, String override) {
    String configured = Optional.ofNullable(System.getenv(override)).orElse(System.getProperty(override));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Path root = RepoRoot.find();
    Path local = root.resolve(".tools/bin/" + tool);
    if (Files.isExecutable(local)) {
      return Optional.of(local);
    }
    return mainWorktree(root).map(m -> m.resolve(".tools/bin/" + tool)).filter(Files::isExecutable);
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

package com.boxoffice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto in server mode ({@code .tools/bin/moto_server}, installed by {@code scripts/install-tools.sh
 * moto}) on 127.0.0.1, as the SNS endpoint for mobile push: SNS has no official local emulator.
 * moto keeps platform applications and endpoints, records every message published to an endpoint
 * and answers {@code EndpointDisabled} for a disabled one; it never reaches APNs or FCM, so it
 * cannot throttle or time out (tests put WireMock in front for that). {@link #published()} reads
 * what it recorded from {@code /moto-api/data.json}.
 */
public final class LocalSns extends LoopbackServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One message moto recorded for an endpoint. */
  public record Published(String endpointArn, String token, String messageId, String message) {}

  private LocalSns(Process process, int port) {
    super(port);
    this.process = process;
  }

  /** Starts on {@code port}, or on a free port when {@code port} is 0, and waits until it listens. */
  public static LocalSns start(int port) {
    int chosen = port == 0 ? FreePort.pick() : port;
    Path bin = binary().orElseThrow(() -> new IllegalStateException(
        "moto_server is not installed; run: bash scripts/install-tools.sh moto (or set MOTO_SERVER)"));
    try {
      Path log = Files.createTempFile("moto", ".log");
      Process p = new ProcessBuilder(bin.toString(), "-H", "127.0.0.1", "-p", Integer.toString(chosen))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!listening(chosen)) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto_server exited: " + Files.readString(log));
        }
        if (Instant.now().isAfter(deadline)) {
          p.destroyForcibly();
          throw new IllegalStateException("moto_server did not listen on 127.0.0.1:" + chosen + " within 60 s");
        }
        Thread.sleep(50);
      }
      return new LocalSns(p, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start moto_server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }

  /** Every message moto recorded, per endpoint that still exists (a deleted endpoint takes its messages along). */
  public List<Published> published() {
    JsonNode sns = state().path("sns");
    List<Published> out = new ArrayList<>();
    for (JsonNode endpoint : sns.path("PlatformEndpoint")) {
      Iterator<Map.Entry<String, JsonNode>> messages = endpoint.path("messages").fields();
      while (messages.hasNext()) {
        var m = messages.next();
        out.add(new Published(endpoint.path("arn").asText(), endpoint.path("token").asText(), m.getKey(),
            m.getValue().asText()));
      }
    }
    return out;
  }

  /** moto's whole state as {@code /moto-api/data.json} gives it. */
  public JsonNode state() {
    try {
      var response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto's /moto-api/data.json answered " + response.statusCode() + ": "
            + response.body().substring(0, Math.min(500, response.body().length())));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
   * {@code MOTO_SERVER} (environment or system property), else {@code <repo>/.tools/bin/moto_server},
   * else the same in the main checkout when this one is a linked git worktree.
   */
  public static Optional<Path> binary() {
    String configured = Optional.ofNullable(System.getenv("MOTO_SERVER")).orElse(System.getProperty("MOTO_SERVER"));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    Path root = RepoRoot.find();
    Path local = root.resolve(".tools/bin/moto_server");
    if (Files.isExecutable(local)) {
      return Optional.of(local);
    }
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
      return Optional.ofNullable(common).map(Path::getParent).map(m -> m.resolve(".tools/bin/moto_server"))
          .filter(Files::isExecutable);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

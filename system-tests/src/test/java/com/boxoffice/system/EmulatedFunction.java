package com.boxoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One function as {@code sam build} left it, running under the Lambda Runtime Interface Emulator
 * ({@code aws-lambda-rie}) with the Java runtime interface client as its runtime: the invocation
 * {@code sam local invoke} makes inside its container, without the container. The emulator, and
 * the JVM it starts on the first invocation, listen on 127.0.0.1 only; {@link #close} stops both.
 */
final class EmulatedFunction implements AutoCloseable {
  /** What the emulator logged about the function's first start. */
  record InitReport(String logicalId, double initMs, Double reportLineInitMs, double firstInvokeMs) {}

  private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
  private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: \\S+\\t(?:Init Duration: ([0-9.]+) ms\\t)?Duration: ([0-9.]+) ms",
      Pattern.MULTILINE);

  private final String logicalId;
  private final Process process;
  private final int port;
  private final Path log;
  private final Duration timeout;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EmulatedFunction(String logicalId, Process process, int port, Path log, Duration timeout) {
    this.logicalId = logicalId;
    this.process = process;
    this.port = port;
    this.log = log;
    this.timeout = timeout;
  }

  /**
   * Starts the emulator for one function. Its environment is exactly {@code environment}: nothing
   * of this JVM's own environment leaks in, as on Lambda.
   *
   * @param taskRoot the function's build folder; it becomes the working directory, which the runtime
   *     interface client loads the handler from ({@code <dir>}, then {@code <dir>/lib/*.jar}), as
   *     /var/task on Lambda
   */
  static EmulatedFunction start(String logicalId, Path rie, List<String> runtimeCommand, Path taskRoot,
      Map<String, String> environment, int emulatorPort, int runtimeApiPort, Path log, Duration timeout)
      throws IOException {
    Files.createDirectories(log.getParent());
    List<String> command = new java.util.ArrayList<>(List.of(rie.toString(),
        "--runtime-interface-emulator-address", "127.0.0.1:" + emulatorPort,
        "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
        "--log-level", "info"));
    command.addAll(runtimeCommand);
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment);
    Process process = pb.start();
    EmulatedFunction function = new EmulatedFunction(logicalId, process, emulatorPort, log, timeout);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(logicalId + ": aws-lambda-rie exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", emulatorPort), 200);
        return function;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    function.close();
    throw new IOException(logicalId + ": aws-lambda-rie did not listen on 127.0.0.1:" + emulatorPort + "; see " + log);
  }

  String logicalId() {
    return logicalId;
  }

  Path log() {
    return log;
  }

  /** Invokes the function with one event, the way the Lambda Invoke API does; returns its response payload. */
  String invoke(String event) {
    int reportsBefore = reports();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"))
          .timeout(timeout.plusSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(logicalId + ": the emulator answered " + response.statusCode() + " "
            + response.body() + "; see " + log);
      }
      awaitReport(reportsBefore);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(logicalId + ": invocation failed; see " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The emulator writes its REPORT line just after answering; wait for it so the log is complete. */
  private void awaitReport(int reportsBefore) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (reports() <= reportsBefore && System.nanoTime() < deadline) {
      sleep(20);
    }
  }

  private int reports() {
    Matcher m = REPORT.matcher(logText());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The init duration of the function's first start, once it has been invoked. */
  Optional<InitReport> initReport() {
    String text = logText();
    Matcher init = INIT_REPORT.matcher(text);
    Matcher report = REPORT.matcher(text);
    if (!init.find() || !report.find()) {
      return Optional.empty();
    }
    return Optional.of(new InitReport(logicalId, Double.parseDouble(init.group(1)),
        report.group(1) == null ? null : Double.parseDouble(report.group(1)), Double.parseDouble(report.group(2))));
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the emulator; it kills the runtime it started, and anything left is killed here. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package com.boxoffice.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A helper server the local stack runs as a separate process (stripe-mock, the SES emulator).
 * Its output goes to a log file; closing it stops the process and every process it started.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static ChildProcess start(String name, List<String> command, Path logFile, int port, Duration startTimeout)
      throws IOException {
    Files.createDirectories(logFile.getParent());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    ChildProcess child = new ChildProcess(name, process);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + "; see " + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return child;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    child.close();
    throw new IOException(name + " did not open 127.0.0.1:" + port + " within " + startTimeout + "; see " + logFile);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

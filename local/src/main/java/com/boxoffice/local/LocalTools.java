package com.boxoffice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts the helper servers that scripts/install-tools.sh puts under .tools/bin. */
public final class LocalTools {
  private LocalTools() {}

  public static ChildProcess startSesEmulator(Path root, int port, Path logs) throws IOException {
    Path bin = tool(root, "aws-ses-v2-local", "ses",
        "the SES v2 emulator (aws-ses-v2-local, from npm)");
    return ChildProcess.start("aws-ses-v2-local",
        List.of(bin.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)),
        logs.resolve("ses.log"), port, Duration.ofSeconds(30));
  }

  public static ChildProcess startStripeMock(Path root, int port, Path logs) throws IOException {
    Path bin;
    try {
      bin = tool(root, "stripe-mock", "stripe-mock", "stripe-mock (Stripe's API mock, a Go module)");
    } catch (LocalSetupException e) {
      throw new LocalSetupException(e.getMessage()
          + "\n  Or use Stripe test mode instead: export STRIPE_SECRET_KEY=sk_test_... (from the Stripe dashboard).");
    }
    return ChildProcess.start("stripe-mock",
        List.of(bin.toString(), "-http-addr", "127.0.0.1:" + port, "-https-addr", "127.0.0.1:0"),
        logs.resolve("stripe-mock.log"), port, Duration.ofSeconds(30));
  }

  private static Path tool(Path root, String binary, String installName, String what) {
    Path bin = root.resolve(".tools/bin").resolve(binary);
    if (!Files.isExecutable(bin)) {
      throw new LocalSetupException(what + " is not installed at " + root.relativize(bin)
          + ".\n  Install it with: bash scripts/install-tools.sh " + installName);
    }
    return bin;
  }
}

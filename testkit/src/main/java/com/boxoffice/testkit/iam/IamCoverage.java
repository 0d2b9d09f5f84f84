package com.boxoffice.testkit.iam;

import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.TemplateYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds one function's policy in {@code template.yaml} against the AWS calls recorded in this test
 * JVM (see {@link RecordingInterceptor}), and writes those calls to
 * {@code target/aws-operations/<function>.txt} so a reviewer can read what the function does.
 */
public final class IamCoverage {
  private IamCoverage() {}

  public static Map<String, Object> template() {
    return TemplateYaml.load(RepoRoot.find().resolve("template.yaml"));
  }

  /** The problems with {@code functionLogicalId}'s policy given every call recorded so far. */
  public static List<String> problems(String functionLogicalId) {
    Set<AwsCall> calls = RecordingInterceptor.calls();
    write(functionLogicalId, calls);
    Map<String, Object> template = template();
    return FunctionPolicy.of(template, functionLogicalId).problems(calls, TemplateNames.of(template));
  }

  private static void write(String function, Set<AwsCall> calls) {
    try {
      Path dir = Path.of("target", "aws-operations");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(function + ".txt"), RecordingInterceptor.describe(calls) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

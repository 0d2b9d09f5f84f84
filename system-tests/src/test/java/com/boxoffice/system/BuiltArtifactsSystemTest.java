package com.boxoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.local.LocalTemplate;
import com.boxoffice.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What {@code sam build} leaves is what gets deployed: each function's own jar under lib/ (where
 * Lambda's Java runtime looks in /var/task) with none of the layer's classes, and the layer's
 * libraries under java/lib.
 */
class BuiltArtifactsSystemTest {
  final Path root = RepoRoot.find();
  final SamBuild build = SamBuild.find(root);
  final LocalTemplate template = LocalTemplate.load(root.resolve("template.yaml"));

  @Test
  void eachFunctionShipsOnlyItsOwnJar() throws IOException {
    for (LocalTemplate.Function f : template.functions().values()) {
      Path dir = build.functionDir(f.logicalId());
      assertThat(list(dir)).as(f.logicalId()).containsExactly("lib");
      List<String> jars = list(dir.resolve("lib"));
      assertThat(jars).as(f.logicalId()).hasSize(1).allMatch(j -> j.startsWith("boxoffice-") && j.endsWith(".jar"));
      try (ZipFile jar = new ZipFile(dir.resolve("lib").resolve(jars.get(0)).toFile())) {
        List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
        assertThat(classes).as(f.logicalId()).contains(f.handlerClass().replace('.', '/') + ".class")
            .noneMatch(n -> n.startsWith("com/boxoffice/shared/"))
            .allMatch(n -> n.startsWith("com/boxoffice/"));
      }
    }
  }

  @Test
  void theLayerHoldsTheSharedModuleAndItsLibrariesOnly() throws IOException {
    List<String> jars = list(build.layerLibDir());
    assertThat(jars).anyMatch(j -> j.matches("boxoffice-shared-[0-9].*\\.jar") && !j.endsWith("-tests.jar"))
        .anyMatch(j -> j.startsWith("dynamodb-"))
        .as("the libraries only some functions load sit in the extra layers")
        .noneMatch(j -> j.startsWith("stripe-java-") || j.startsWith("sqs-") || j.startsWith("sesv2-")
            || j.startsWith("handlebars-") || j.startsWith("core-3") || j.startsWith("nashorn") || j.startsWith("joda"))
        .as("slf4j with the layer's own JSON back end, no log4j")
        .anyMatch(j -> j.startsWith("slf4j-api-"))
        .noneMatch(j -> j.startsWith("log4j-"))
        .noneMatch(j -> j.endsWith("-tests.jar"))
        .noneMatch(j -> j.startsWith("boxoffice-") && !j.startsWith("boxoffice-shared-")
            && !j.startsWith("boxoffice-lambda-events-"))
        .as("the event classes the functions load, repacked, instead of the whole event library")
        .anyMatch(j -> j.startsWith("boxoffice-lambda-events-"))
        .noneMatch(j -> j.startsWith("aws-lambda-java-events-"))
        .noneMatch(j -> j.startsWith("junit") || j.startsWith("DynamoDBLocal") || j.startsWith("elasticmq"))
        .as("only the URLConnection HTTP client, which every SDK client is built with")
        .anyMatch(j -> j.startsWith("url-connection-client-"))
        .noneMatch(j -> j.startsWith("netty-") || j.startsWith("apache") || j.startsWith("httpclient5-"));
    assertThat(list(build.dir().resolve("SharedLayer"))).containsExactly("java");
    assertThat(list(build.layerLibDir("StripeLayer"))).allMatch(j -> j.startsWith("stripe-java-") || j.startsWith("gson-"))
        .anyMatch(j -> j.startsWith("stripe-java-"));
    assertThat(list(build.layerLibDir("QueuesLayer"))).singleElement().matches(j -> j.startsWith("sqs-"));
    assertThat(list(build.layerLibDir("QrLayer"))).singleElement().matches(j -> j.startsWith("core-"));
    assertThat(list(build.layerLibDir("MailLayer"))).anyMatch(j -> j.startsWith("sesv2-"))
        .anyMatch(j -> j.startsWith("handlebars-"));
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

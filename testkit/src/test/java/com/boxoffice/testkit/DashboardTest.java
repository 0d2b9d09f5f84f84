package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is a JSON document inside a {@code !Sub}; CloudFormation only checks that it is
 * a string, and CloudWatch silently draws an empty graph for a metric nobody emits. So: every
 * substitution names a resource of the template, the body is valid JSON, each service level
 * indicator of the requirements is drawn against its target, and every metric of our own
 * namespace is one that the code writes.
 */
@Tag("fast")
class DashboardTest {
  private static final Path ROOT = RepoRoot.find();

  @SuppressWarnings("unchecked")
  private final Map<String, Object> resources =
      (Map<String, Object>) TemplateYaml.load(ROOT.resolve("template.yaml")).get("Resources");

  @Test
  void theBodyIsJsonWhoseSubstitutionsAllNameResourcesOfTheStack() throws IOException {
    JsonNode body = body();
    assertThat(body.path("widgets").size()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void eachServiceLevelIndicatorIsDrawnAgainstItsTarget() throws IOException {
    List<String> targets = new ArrayList<>();
    for (JsonNode widget : body().path("widgets")) {
      for (JsonNode line : widget.path("properties").path("annotations").path("horizontal")) {
        targets.add(line.path("label").asText() + "=" + line.path("value").asText());
      }
    }
    assertThat(targets).contains("SLO 99.5%=99.5", "SLO 2 s=2000", "SLO 500 ms=500", "SLO 98%=98", "SLO 30 s=30000");
  }

  @Test
  void everyMetricOfOurNamespaceIsOneTheCodeWrites() throws IOException {
    String sources = mainSources();
    int ours = 0;
    for (JsonNode widget : body().path("widgets")) {
      for (JsonNode metric : widget.path("properties").path("metrics")) {
        if (metric.isArray() && metric.get(0).isTextual() && metric.get(0).asText().equals("Boxoffice")) {
          ours++;
          assertThat(sources).as("a metric named %s written by the code", metric.get(1).asText())
              .contains("\"" + metric.get(1).asText() + "\"");
        }
      }
    }
    assertThat(ours).isPositive();
  }

  private JsonNode body() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> dashboard = (Map<String, Object>) resources.get("ServiceDashboard");
    assertThat(dashboard).isNotNull();
    @SuppressWarnings("unchecked")
    Object sub = ((Map<String, Object>) ((Map<String, Object>) dashboard.get("Properties")).get("DashboardBody")).get("Fn::Sub");
    String text = (String) sub;
    Matcher ref = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (ref.find()) {
      String name = ref.group(1);
      String logicalId = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      assertThat(name.startsWith("AWS::") || resources.containsKey(logicalId))
          .as("${%s} names a resource of the template", name).isTrue();
      ref.appendReplacement(resolved, Matcher.quoteReplacement("resolved-" + logicalId));
    }
    ref.appendTail(resolved);
    return new ObjectMapper().readTree(resolved.toString());
  }

  private static String mainSources() {
    StringBuilder all = new StringBuilder();
    for (String module : List.of("layers", "functions")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module))) {
        files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
            .forEach(p -> {
              try {
                all.append(Files.readString(p));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all.toString();
  }
}

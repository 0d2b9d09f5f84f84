package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every function is published behind the alias its event sources call, with SnapStart on the
 * published versions (docs/operations.md, "SnapStart"), and nothing SnapStart cannot run with.
 */
@Tag("fast")
class TemplateSnapStartTest {
  private final Map<String, Object> template = TemplateYaml.load(RepoRoot.find().resolve("template.yaml"));

  @Test
  void everyFunctionIsPublishedWithSnapStartUnlessItSaysOtherwise() {
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
    assertThat(globals.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
    assertThat(globals.get("Runtime")).isEqualTo("java21");
    int functions = 0;
    for (var r : map(template.get("Resources")).entrySet()) {
      Map<String, Object> resource = map(r.getValue());
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
        continue;
      }
      functions++;
      Map<String, Object> props = map(resource.get("Properties"));
      assertThat(props).as(r.getKey()).doesNotContainKeys("AutoPublishAlias", "ProvisionedConcurrencyConfig",
          "FileSystemConfigs");
      Object storage = map(props.get("EphemeralStorage")).get("Size");
      assertThat(storage == null || Integer.parseInt(String.valueOf(storage)) <= 512)
          .as("%s: SnapStart takes at most 512 MB of ephemeral storage", r.getKey()).isTrue();
    }
    assertThat(functions).isPositive();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }
}

package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.boxoffice.testkit.RepoRoot;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml and template.yaml name the same HTTP API: every route an HttpApi event of a
 * function exposes is an operation of the document, and every operation is a route some function
 * serves. The Stripe webhook's function URL is not part of the HTTP API and not in the document.
 */
@Tag("fast")
class OpenApiCoverageTest {
  private static final Path ROOT = RepoRoot.find();

  @Test
  void everyTemplateRouteIsAnOperationOfTheDocumentAndEveryOperationIsServed() {
    Set<String> served = new TreeSet<>();
    LocalTemplate.load(ROOT.resolve("template.yaml")).functions().values()
        .forEach(f -> f.routes().forEach(r -> served.add(r.method() + " " + r.path())));
    Set<String> documented = OpenApiDocument.operations(ROOT.resolve("docs/openapi.yaml"));

    assertThat(served).as("routes of template.yaml").isNotEmpty().contains("POST /v1/scans");
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(served);
    assertThat(undocumented).as("routes of template.yaml that docs/openapi.yaml does not describe").isEmpty();
    assertThat(unserved).as("operations of docs/openapi.yaml that no function of template.yaml serves").isEmpty();
  }

  @Test
  void theDocumentHasNoDuplicateKeysAndParsesWithoutMessages() throws Exception {
    String text = Files.readString(ROOT.resolve("docs/openapi.yaml"));
    LoaderOptions strict = new LoaderOptions();
    strict.setAllowDuplicateKeys(false);
    // A repeated key (two schemas named Device, say) silently keeps only the last one.
    assertThatCode(() -> new Yaml(strict).load(text)).doesNotThrowAnyException();

    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    var result = new OpenAPIV3Parser().readContents(text, null, options);
    assertThat(result.getMessages()).as("what the OpenAPI parser reports").isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }
}

package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.RepoRoot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What {@link OpenApiDocument#check} refuses, on answers made up to break one rule each. */
@Tag("fast")
class OpenApiDocumentTest {
  private static final OpenApiDocument SPEC = OpenApiDocument.load(RepoRoot.find().resolve("docs/openapi.yaml"));
  private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
      "X-Request-Id", List.of("req-1"));
  private static final String SCAN = "{\"result\":\"ok\",\"direction\":\"entry\",\"ticketId\":\"ord_1-1\","
      + "\"admissions\":1,\"firstAdmittedAt\":\"2026-06-01T19:02:11.204Z\"}";

  @Test
  void anAnswerThatKeepsTheContractHasNoProblems() {
    assertThat(SPEC.check("POST", "/v1/scans", 200, JSON, SCAN)).isEmpty();
    assertThat(SPEC.check("POST", "/v1/scans", 401, JSON, "{\"message\":\"Unauthorized\"}")).isEmpty();
  }

  @Test
  void aStatusTheOperationDoesNotDeclareIsAProblem() {
    assertThat(SPEC.check("POST", "/v1/scans", 404, JSON, "{}")).singleElement().asString()
        .contains("status 404 is not declared");
  }

  @Test
  void aBodyItsSchemaRefusesIsAProblem() {
    assertThat(SPEC.check("POST", "/v1/scans", 200, JSON, SCAN.replace("\"ok\"", "\"maybe\""))).isNotEmpty();
    assertThat(SPEC.check("POST", "/v1/scans", 200, JSON, SCAN.replace("\"result\":\"ok\",", ""))).singleElement()
        .asString().contains("result");
    assertThat(SPEC.check("POST", "/v1/scans", 200, JSON, SCAN.replace("2026-06-01T19:02:11.204Z", "yesterday")))
        .as("formats are asserted").isNotEmpty();
    assertThat(SPEC.check("POST", "/v1/scans", 403, JSON, "{\"error\":{\"code\":\"no_such_code\",\"message\":\"m\","
        + "\"retryable\":false,\"fields\":{}}}")).as("an error code the document does not list").isNotEmpty();
  }

  @Test
  void aMissingRequiredHeaderOrAWrongValueIsAProblem() {
    assertThat(SPEC.check("POST", "/v1/scans", 200, Map.of("Content-Type", List.of("application/json")), SCAN))
        .singleElement().asString().contains("X-Request-Id");
    var health = "{\"status\":\"ok\",\"version\":\"dev\",\"checks\":{\"configuration\":\"ok\",\"table\":\"ok\"}}";
    assertThat(SPEC.check("GET", "/v1/health", 200, Map.of("Content-Type", List.of("application/json"),
        "X-Request-Id", List.of("r"), "Cache-Control", List.of("max-age=60")), health)).singleElement().asString()
        .contains("Cache-Control");
  }

  @Test
  void anUndeclaredMediaTypeOrABodyWhereNoneIsDeclaredIsAProblem() {
    assertThat(SPEC.check("POST", "/v1/scans", 200, Map.of("Content-Type", List.of("text/plain"),
        "X-Request-Id", List.of("r")), "ok")).singleElement().asString().contains("text/plain");
    assertThat(SPEC.check("OPTIONS", "/v1/events", 204, Map.of("Vary", List.of("Origin")), "{}")).singleElement()
        .asString().contains("a body where the answer declares none");
  }
}

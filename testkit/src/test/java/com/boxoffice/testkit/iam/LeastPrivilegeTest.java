package com.boxoffice.testkit.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege rules of template.yaml that no recorded call can show: which functions may
 * read which secret, and which DynamoDB statements are held to their key families.
 */
class LeastPrivilegeTest {
  private static final Map<String, Object> TEMPLATE = IamCoverage.template();
  private static final List<String> FUNCTIONS = List.of("CheckoutFunction", "StripeWebhookFunction",
      "ScannerValidateFunction", "ProcessEmailQueueFunction", "ProcessWebhookRetriesFunction",
      "ProcessAnalyticsStreamFunction", "RecountAnalyticsFunction", "AnalyticsApiFunction");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String function) {
    var resources = (Map<String, Object>) TEMPLATE.get("Resources");
    var props = (Map<String, Object>) ((Map<String, Object>) resources.get(function)).get("Properties");
    var env = (Map<String, Object>) props.getOrDefault("Environment", Map.of());
    return (Map<String, Object>) env.getOrDefault("Variables", Map.of());
  }

  /** The secrets (logical ids) a function's environment names by ARN. */
  private static Set<String> configuredSecrets(String function) {
    Set<String> secrets = new TreeSet<>();
    environment(function).forEach((name, value) -> {
      if (name.endsWith("_SECRET_ARN") && value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id) {
        secrets.add(id);
      }
    });
    return secrets;
  }

  @Test
  void onlyTheFunctionsThatSignOrCheckTicketCodesMayReadTheQrMasterKeys() {
    Map<String, Set<String>> readers = new LinkedHashMap<>();
    for (String function : FUNCTIONS) {
      readers.put(function, new TreeSet<>(FunctionPolicy.of(TEMPLATE, function).resourcesFor("secretsmanager:GetSecretValue")));
    }
    // Checkout shows paid orders' codes, the webhook and the retry processor issue tickets, the
    // scanner verifies codes; the email function only carries codes it was handed.
    assertThat(readers.entrySet().stream().filter(e -> e.getValue().contains("QrSigningKeysSecret"))
        .map(Map.Entry::getKey)).containsExactlyInAnyOrder("CheckoutFunction", "StripeWebhookFunction",
        "ScannerValidateFunction", "ProcessWebhookRetriesFunction");
    for (String function : FUNCTIONS) {
      assertThat(readers.get(function)).as("%s reads exactly the secrets its environment names", function)
          .isEqualTo(configuredSecrets(function));
    }
  }

  @Test
  void noStatementGrantsEveryResourceOrEveryAction() {
    for (String function : FUNCTIONS) {
      for (var statement : FunctionPolicy.of(TEMPLATE, function).statements()) {
        assertThat(statement.resources()).as(function).doesNotContain("*");
        assertThat(statement.actions()).as(function).noneMatch(a -> a.endsWith(":*") || a.equals("*"));
      }
    }
  }

  @Test
  void statementsOnTheTablesAreHeldToTheKeyFamiliesTheirFunctionOwns() {
    Map<String, List<String>> expected = Map.of(
        "CheckoutFunction/IdempotencyTable", List.of("checkout.createOrder#*"),
        "ProcessEmailQueueFunction/BoxofficeTable", List.of("EMAIL#*", "SUPPRESSED#*", "PACER#*", "RATE#*"),
        "ScannerValidateFunction/BoxofficeTable",
        List.of("TICKET#*", "FALLBACK#*", "SCANNER#*", "EVENT#*", "SCANLOG#*", "RATE#*"));
    for (var e : expected.entrySet()) {
      String function = e.getKey().substring(0, e.getKey().indexOf('/'));
      String table = e.getKey().substring(e.getKey().indexOf('/') + 1);
      var onTable = FunctionPolicy.of(TEMPLATE, function).statements().stream()
          .filter(s -> s.resources().contains(table)).toList();
      assertThat(onTable).as(e.getKey()).isNotEmpty()
          .allSatisfy(s -> assertThat(s.leadingKeys()).containsExactlyInAnyOrderElementsOf(e.getValue()));
    }
    // Only checkout touches the idempotency table, and only its own records.
    for (String function : FUNCTIONS) {
      FunctionPolicy.of(TEMPLATE, function).statements().stream()
          .filter(s -> s.resources().contains("IdempotencyTable"))
          .forEach(s -> assertThat(function).isEqualTo("CheckoutFunction"));
    }
  }

  @Test
  void aLeadingKeysConditionNeverSitsOnAnIndexQuery() {
    // On an index the condition would be checked against the index's key, not the family meant.
    for (String function : FUNCTIONS) {
      for (var s : FunctionPolicy.of(TEMPLATE, function).statements()) {
        if (!s.leadingKeys().isEmpty()) {
          assertThat(s.resources()).as(function).noneMatch(r -> r.contains("/index/"));
        }
      }
    }
  }
}

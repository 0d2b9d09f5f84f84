package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What only a real account shows, read from template.yaml: a first deploy into a fresh account
 * must succeed, a second stage in the same account must not collide with the first, a failed
 * first create must be retryable, and every function's logs must expire. No emulator runs
 * CloudFormation, so these are checked on the parsed template.
 */
@Tag("fast")
class FirstDeployTest {
  private final Map<String, Object> template = TemplateYaml.load(RepoRoot.find().resolve("template.yaml"));
  private final Map<String, Object> resources = map(template.get("Resources"));
  private final Map<String, Object> parameters = map(template.get("Parameters"));

  @Test
  void reservedConcurrencyIsOffUnlessAParameterTurnsItOn() {
    // A new account's concurrency limit can be 10 and Lambda keeps 100 unreserved, so any
    // literal reservation fails the first create there.
    for (var function : functions().entrySet()) {
      Object reserved = properties(function.getValue()).get("ReservedConcurrentExecutions");
      if (reserved == null) {
        continue;
      }
      assertThat(reserved).as(function.getKey()).isInstanceOf(Map.class);
      List<?> branches = (List<?>) map(reserved).get("Fn::If");
      assertThat(branches).as("%s reserves through a condition", function.getKey()).hasSize(3);
      String parameter = (String) map(branches.get(1)).get("Ref");
      assertThat(String.valueOf(map(parameters.get(parameter)).get("Default"))).as(parameter).isEqualTo("0");
      assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
    }
    assertThat(properties(functions().get("StripeWebhookFunction"))).containsKey("ReservedConcurrentExecutions");
    assertThat(properties(functions().get("ScannerValidateFunction"))).containsKey("ReservedConcurrentExecutions");
  }

  @Test
  void schedulesCarryTheStageInTheirNameAndRunsAreNeverRepeatedLate() {
    int schedules = 0;
    for (var function : functions().entrySet()) {
      Map<String, Object> props = properties(function.getValue());
      boolean scheduled = false;
      for (var event : map(props.getOrDefault("Events", Map.of())).entrySet()) {
        Map<String, Object> e = map(event.getValue());
        if (!"ScheduleV2".equals(e.get("Type"))) {
          continue;
        }
        scheduled = true;
        schedules++;
        Object name = map(e.get("Properties")).get("Name");
        assertThat(name).as("schedule %s is named per stage (the default group is account-wide)", event.getKey())
            .isInstanceOf(Map.class);
        assertThat((String) map(name).get("Fn::Sub")).contains("${Stage}");
      }
      if (scheduled) {
        Map<String, Object> invoke = map(props.get("EventInvokeConfig"));
        assertThat(invoke.get("MaximumRetryAttempts")).as(function.getKey()).isEqualTo(0);
        assertThat((Integer) invoke.get("MaximumEventAgeInSeconds")).as(function.getKey()).isBetween(60, 300);
      }
    }
    assertThat(schedules).isEqualTo(9);
  }

  @Test
  void everyFunctionLogsToAGroupOfTheStackThatExpires() {
    for (var function : functions().entrySet()) {
      Object logGroup = map(properties(function.getValue()).get("LoggingConfig")).get("LogGroup");
      assertThat(logGroup).as(function.getKey()).isInstanceOf(Map.class);
      Map<String, Object> group = map(resources.get((String) map(logGroup).get("Ref")));
      assertThat(group.get("Type")).isEqualTo("AWS::Logs::LogGroup");
      assertThat(properties(group).get("RetentionInDays")).isEqualTo(Map.of("Ref", "LogRetentionDays"));
    }
  }

  @Test
  void nothingWithAFixedNameIsRetainedWhenItsFirstCreateFails() {
    for (var resource : resources.entrySet()) {
      Map<String, Object> r = map(resource.getValue());
      assertThat(r.get("DeletionPolicy")).as(resource.getKey()).isNotEqualTo("Retain");
      if ("AWS::DynamoDB::Table".equals(r.get("Type"))) {
        assertThat(properties(r).get("DeletionProtectionEnabled")).as(resource.getKey()).isEqualTo(true);
      }
    }
  }

  @Test
  void theSesRateAndTheIssuerMustBeGivenAndNoStartupFlagWritesToStderr() {
    Map<String, Object> sesRate = map(parameters.get("SesMaxSendRate"));
    assertThat(sesRate).as("no silent SES rate: the sandbox allows 1/s, a production account its quota")
        .doesNotContainKey("Default").containsEntry("MinValue", 1);

    Pattern issuer = Pattern.compile((String) map(parameters.get("JwtIssuer")).get("AllowedPattern"));
    assertThat(issuer.matcher("https://auth.example.com/").matches()).isTrue();
    assertThat(issuer.matcher("http://auth.example.com/").matches()).isFalse();
    assertThat(issuer.matcher("").matches()).isFalse();

    // The java21 runtime already stops at C1; JAVA_TOOL_OPTIONS would only add a non-JSON
    // "Picked up ..." line to every cold start's log.
    Map<String, Object> globals = map(map(map(template.get("Globals")).get("Function")).get("Environment"));
    assertThat(map(globals.get("Variables"))).doesNotContainKey("JAVA_TOOL_OPTIONS");
  }

  @Test
  void theOutputsNameEveryDeadLetterQueueAndTheAlarmTopic() {
    Map<String, Object> outputs = map(template.get("Outputs"));
    for (var resource : resources.entrySet()) {
      if (resource.getKey().endsWith("DeadLetterQueue")) {
        assertThat(outputs).containsKey(resource.getKey() + "Url");
      }
    }
    assertThat(outputs).containsKey("AlarmTopicArn");
  }

  private Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    for (var resource : resources.entrySet()) {
      Map<String, Object> r = map(resource.getValue());
      if ("AWS::Serverless::Function".equals(r.get("Type"))) {
        functions.put(resource.getKey(), r);
      }
    }
    assertThat(functions).isNotEmpty();
    return functions;
  }

  private static Map<String, Object> properties(Map<String, Object> resource) {
    return map(resource.get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}

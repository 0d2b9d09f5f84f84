package com.boxoffice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An alarm that nobody hears is no alarm. Emulators neither evaluate alarms nor enforce key
 * policies, so these rules are read from template.yaml: every alarm notifies the alarm topic, the
 * topic's key lets CloudWatch publish for every alarm name the stack creates, and every alarm has
 * its section in docs/runbook.md.
 */
@Tag("fast")
class AlarmRoutingTest {
  private static final String STAGE_PLACEHOLDER = "<stage>";

  private final Map<String, Object> resources = resources();

  @Test
  void theAlarmTopicIsEncryptedWithAKeyOfTheStackThatCloudWatchMayUse() {
    Map<String, Object> topic = properties("AlarmTopic");
    Object keyId = topic.get("KmsMasterKeyId");
    assertThat(keyId)
        .as("an AWS-managed key (alias/aws/sns) cannot let cloudwatch.amazonaws.com publish")
        .isInstanceOf(Map.class);
    String keyResource = referencedResource(keyId);
    assertThat(type(keyResource)).isEqualTo("AWS::KMS::Key");

    Map<String, Object> grant = cloudWatchStatement(keyResource);
    assertThat(grant.get("Effect")).isEqualTo("Allow");
    assertThat(strings(grant.get("Action"))).contains("kms:Decrypt").anyMatch(a -> a.startsWith("kms:GenerateDataKey"));

    String sourceArn = sub(path(grant, "Condition", "ArnLike", "aws:SourceArn"));
    Pattern allowed = globToRegex(sourceArn.substring(sourceArn.indexOf(":alarm:") + ":alarm:".length()));
    for (String alarm : alarmNames().values()) {
      assertThat(allowed.matcher(alarm).matches())
          .as("alarm %s is covered by the key policy's aws:SourceArn %s", alarm, sourceArn)
          .isTrue();
    }
  }

  @Test
  void everyAlarmNotifiesTheAlarmTopicWhenItFiresAndWhenItClears() {
    Map<String, String> alarms = alarmNames();
    assertThat(alarms).isNotEmpty();
    for (String logicalId : alarms.keySet()) {
      Map<String, Object> alarm = properties(logicalId);
      assertThat(alarm.get("AlarmActions")).as(logicalId).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
      assertThat(alarm.get("OKActions")).as(logicalId).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
    }
  }

  @Test
  void nothingFailsSilently() {
    // Work ageing in a main queue (it expires there without reaching a dead-letter queue), and a
    // function that fails or is refused, whatever the cause.
    List<String> watched = new ArrayList<>();
    for (var e : resources.entrySet()) {
      if (!"AWS::CloudWatch::Alarm".equals(type(e.getKey()))) {
        continue;
      }
      Map<String, Object> alarm = properties(e.getKey());
      Object dimensions = alarm.get("Dimensions");
      if (dimensions instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> d
          && d.get("Value") instanceof Map<?, ?>) {
        watched.add(alarm.get("Namespace") + "/" + alarm.get("MetricName") + "/" + referencedResource(d.get("Value")));
      }
    }
    int queues = 0;
    int functions = 0;
    for (var e : resources.entrySet()) {
      String type = type(e.getKey());
      if ("AWS::SQS::Queue".equals(type) && properties(e.getKey()).containsKey("RedrivePolicy")) {
        queues++;
        assertThat(watched).as("a main queue's oldest message is watched").contains(
            "AWS/SQS/ApproximateAgeOfOldestMessage/" + e.getKey());
      }
      if ("AWS::Serverless::Function".equals(type)) {
        functions++;
        assertThat(watched).as("a function's failures are watched").contains(
            "AWS/Lambda/Errors/" + e.getKey(), "AWS/Lambda/Throttles/" + e.getKey());
      }
    }
    assertThat(queues).isEqualTo(4);
    assertThat(functions).isEqualTo(16);
  }

  @Test
  void everyAlarmHasARunbookSection() throws IOException {
    String runbook = Files.readString(RepoRoot.find().resolve("docs/runbook.md"));
    List<Pattern> sections = new ArrayList<>();
    Matcher heading = Pattern.compile("(?m)^## `([^`]+)`").matcher(runbook);
    while (heading.find()) {
      sections.add(headingPattern(heading.group(1)));
    }
    assertThat(sections).isNotEmpty();
    for (String alarm : alarmNames().values()) {
      assertThat(sections).as("a runbook section for %s", alarm).anyMatch(s -> s.matcher(alarm).matches());
    }
  }

  /**
   * A heading names one alarm, or a family of them with a placeholder other than the stage:
   * {@code boxoffice-<stage>-<function>-errors} covers {@code boxoffice-<stage>-checkout-errors}.
   */
  private static Pattern headingPattern(String heading) {
    Matcher placeholder = Pattern.compile("<([a-z]+)>").matcher(heading);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(heading.substring(last, placeholder.start())));
      regex.append(placeholder.group().equals(STAGE_PLACEHOLDER) ? Pattern.quote(STAGE_PLACEHOLDER) : "[a-z0-9-]+");
      last = placeholder.end();
    }
    regex.append(Pattern.quote(heading.substring(last)));
    return Pattern.compile(regex.toString());
  }

  /** Logical id to the alarm's name with the stage written as {@code <stage>}. */
  private Map<String, String> alarmNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (var e : resources.entrySet()) {
      if ("AWS::CloudWatch::Alarm".equals(type(e.getKey()))) {
        names.put(e.getKey(), sub(properties(e.getKey()).get("AlarmName")));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> cloudWatchStatement(String keyResource) {
    Map<String, Object> policy = (Map<String, Object>) properties(keyResource).get("KeyPolicy");
    for (Object s : (List<Object>) policy.get("Statement")) {
      Map<String, Object> statement = (Map<String, Object>) s;
      Object principal = statement.get("Principal");
      if (principal instanceof Map<?, ?> p && "cloudwatch.amazonaws.com".equals(p.get("Service"))) {
        return statement;
      }
    }
    throw new AssertionError(keyResource + " has no statement for cloudwatch.amazonaws.com");
  }

  /** The text of a {@code !Sub} (or a plain string) with the stage as a placeholder and pseudo parameters kept. */
  private static String sub(Object value) {
    String text = value instanceof Map<?, ?> m ? String.valueOf(m.get("Fn::Sub")) : String.valueOf(value);
    return text.replace("${Stage}", STAGE_PLACEHOLDER);
  }

  private static Pattern globToRegex(String glob) {
    List<String> literals = new ArrayList<>();
    for (String part : glob.split("\\*", -1)) {
      literals.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", literals));
  }

  private static String referencedResource(Object intrinsic) {
    Map<?, ?> m = (Map<?, ?>) intrinsic;
    if (m.containsKey("Ref")) {
      return (String) m.get("Ref");
    }
    return (String) ((List<?>) m.get("Fn::GetAtt")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> map, String... keys) {
    Object current = map;
    for (String key : keys) {
      assertThat(current).as("template path %s", String.join(".", keys)).isInstanceOf(Map.class);
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
  }

  private String type(String logicalId) {
    Object resource = resources.get(logicalId);
    return resource instanceof Map<?, ?> m ? (String) m.get("Type") : null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> properties(String logicalId) {
    Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
    assertThat(resource).as("resource %s in template.yaml", logicalId).isNotNull();
    return (Map<String, Object>) resource.get("Properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources() {
    return (Map<String, Object>) TemplateYaml.load(RepoRoot.find().resolve("template.yaml")).get("Resources");
  }
}

package com.boxoffice.testkit.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the names an SDK request carries (a table, queue, secret or configuration set name for
 * some stage) back into the logical id of the template resource it belongs to, so recorded calls
 * and policy statements speak of the same things.
 */
public final class TemplateNames {
  private static final Map<String, String> NAME_PROPERTY = Map.of(
      "AWS::DynamoDB::Table", "TableName",
      "AWS::SQS::Queue", "QueueName",
      "AWS::SecretsManager::Secret", "Name",
      "AWS::SES::ConfigurationSet", "Name");

  private final Map<String, Map<String, Pattern>> byType = new LinkedHashMap<>();

  private TemplateNames() {}

  /** Reads the named resources of a parsed template. */
  @SuppressWarnings("unchecked")
  public static TemplateNames of(Map<String, Object> template) {
    TemplateNames names = new TemplateNames();
    ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> {
      Map<String, Object> resource = (Map<String, Object>) r;
      String property = NAME_PROPERTY.get((String) resource.get("Type"));
      if (property == null) {
        return;
      }
      Object name = ((Map<String, Object>) resource.getOrDefault("Properties", Map.of())).get(property);
      String template1 = name instanceof Map<?, ?> m ? (String) m.get("Fn::Sub") : (String) name;
      if (template1 == null) {
        return;
      }
      // Test stages are letters and digits; names differ in their fixed parts.
      String regex = String.join("[A-Za-z0-9]+", List.of(template1.split("\\$\\{Stage}", -1)).stream()
          .map(Pattern::quote).toList());
      names.byType.computeIfAbsent((String) resource.get("Type"), k -> new LinkedHashMap<>()).put(id, Pattern.compile(regex));
    });
    return names;
  }

  /** The logical id (with an index suffix, or the SES resource form) a call is on; null if none. */
  public String resolve(AwsCall call) {
    String resource = call.resource();
    return switch (call.service()) {
      case "dynamodb" -> {
        int index = resource.indexOf("/index/");
        String table = find("AWS::DynamoDB::Table", index < 0 ? resource : resource.substring(0, index));
        yield table == null ? null : index < 0 ? table : table + resource.substring(index);
      }
      case "sqs" -> find("AWS::SQS::Queue", resource);
      case "secretsmanager" -> {
        String name = resource.contains(":secret:") ? resource.substring(resource.indexOf(":secret:") + 8) : resource;
        String id = find("AWS::SecretsManager::Secret", name);
        yield id != null ? id : find("AWS::SecretsManager::Secret", name.replaceFirst("-[A-Za-z0-9]{6}$", ""));
      }
      case "ses" -> {
        if (resource.startsWith("configuration-set/")) {
          String set = find("AWS::SES::ConfigurationSet", resource.substring("configuration-set/".length()));
          yield set == null ? null : "ses:configuration-set/" + set;
        }
        yield "ses:" + resource;
      }
      case "sns" -> sns(resource);
      default -> null;
    };
  }

  /**
   * An SNS ARN as the template grants it: a platform application by the parameter that names it
   * ({@code ApnsPlatformApplicationArn}, {@code FcmPlatformApplicationArn}), an endpoint as
   * {@code sns:endpoint/<platform>/<application>/<id>}.
   */
  private static String sns(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return null;
    }
    String resource = parts[5];
    if (resource.startsWith("app/APNS/") || resource.startsWith("app/APNS_SANDBOX/")) {
      return "ApnsPlatformApplicationArn";
    }
    if (resource.startsWith("app/GCM/")) {
      return "FcmPlatformApplicationArn";
    }
    return resource.startsWith("endpoint/") ? "sns:" + resource : null;
  }

  private String find(String type, String name) {
    for (var e : byType.getOrDefault(type, Map.of()).entrySet()) {
      if (e.getValue().matcher(name).matches()) {
        return e.getKey();
      }
    }
    return null;
  }
}

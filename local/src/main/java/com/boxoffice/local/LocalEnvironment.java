package com.boxoffice.local;

import com.boxoffice.testkit.LocalResources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a function's environment from {@code template.yaml} for the local stack: references
 * to tables and queues become the local names and URLs, parameters take local values, and a
 * {@code NAME_SECRET_ARN} pointing at a Secrets Manager secret becomes {@code NAME} with the
 * local secret's value, the way {@code SecretSource} reads it, unless the secret is kept in the
 * local Secrets Manager (moto): then {@code NAME_SECRET_ARN} names it there, as in AWS.
 */
public final class LocalEnvironment {
  private final LocalTemplate template;
  private final LocalResources resources;
  private final Map<String, String> parameters;
  private final Map<String, String> secrets;
  private final Map<String, String> common;
  private final Map<String, String> secretArns;

  /**
   * @param parameters local values of the template's parameters and of resources that have no
   *     local counterpart (e.g. the SES configuration set), by logical id
   * @param secrets local values of the secrets, by the variable name without {@code _SECRET_ARN}
   * @param common variables every function gets locally (region, endpoints)
   */
  public LocalEnvironment(LocalTemplate template, LocalResources resources, Map<String, String> parameters,
      Map<String, String> secrets, Map<String, String> common) {
    this(template, resources, parameters, secrets, common, Map.of());
  }

  /**
   * @param secretArns secrets kept in the local Secrets Manager, by the variable name without
   *     {@code _SECRET_ARN}: their ARN there (the functions need {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}
   *     in {@code common})
   */
  public LocalEnvironment(LocalTemplate template, LocalResources resources, Map<String, String> parameters,
      Map<String, String> secrets, Map<String, String> common, Map<String, String> secretArns) {
    this.template = template;
    this.resources = resources;
    this.parameters = parameters;
    this.secrets = secrets;
    this.common = common;
    this.secretArns = secretArns;
  }

  public Map<String, String> forFunction(String logicalId) {
    Map<String, String> env = new LinkedHashMap<>(common);
    for (var e : template.function(logicalId).environment().entrySet()) {
      String name = e.getKey();
      if (name.endsWith("_SECRET_ARN")) {
        String plain = name.substring(0, name.length() - "_SECRET_ARN".length());
        String arn = secretArns.get(plain);
        if (arn != null) {
          env.put(name, arn);
          continue;
        }
        String value = secrets.get(plain);
        if (value == null) {
          throw new IllegalStateException(logicalId + ": no local value for secret " + plain);
        }
        env.put(plain, value);
        continue;
      }
      env.put(name, resolve(logicalId, name, e.getValue()));
    }
    return env;
  }

  private String resolve(String function, String name, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref) {
      String type = template.resourceType(ref);
      if ("AWS::DynamoDB::Table".equals(type)) {
        return resources.table(ref);
      }
      if ("AWS::SQS::Queue".equals(type)) {
        return resources.queueUrl(ref);
      }
      String local = parameters.get(ref);
      if (local != null) {
        return local;
      }
    }
    throw new IllegalStateException(function + "." + name + ": no local value for " + value);
  }
}

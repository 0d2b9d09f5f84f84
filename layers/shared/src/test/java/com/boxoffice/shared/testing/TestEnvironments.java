package com.boxoffice.shared.testing;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a function is built from in its wiring tests: what every function gets on the
 * local servers (region, DynamoDB and SQS endpoints, the table), to which each test adds its own
 * settings, and the edits tests make to show a setting is required.
 */
public final class TestEnvironments {
  private TestEnvironments() {}

  /** The SDK's credentials for the local servers, which accept any. */
  public static void useLocalCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  /** A mutable environment with the region, the local endpoints and {@code TABLE_NAME}. */
  public static Map<String, String> onLocalAws(LocalAws aws, LocalResources res) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("TABLE_NAME", res.table("BoxofficeTable"));
    return env;
  }

  /** {@code env} without {@code name}. */
  public static Map<String, String> without(Map<String, String> env, String name) {
    Map<String, String> copy = new HashMap<>(env);
    copy.remove(name);
    return copy;
  }

  /** {@code env} with {@code name} set to {@code value}. */
  public static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}

package com.boxoffice.testkit.iam;

import java.net.URI;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * An SDK v2 interceptor that records every AWS operation a function's own code performs, so a test
 * can hold the function's IAM policy in {@code template.yaml} against what the code really does
 * (emulators enforce no IAM). A function module's tests register it for every client in the test
 * JVM through the classpath file {@code software/amazon/awssdk/global/handlers/execution.interceptors};
 * production code is not changed.
 *
 * <p>Only calls made for a function count: on a thread where a Lambda handler (a class
 * implementing the runtime's {@code RequestHandler}) was entered from test code (during its
 * construction or an invocation), or on a thread the function's code started itself. Calls the
 * tests make to seed or inspect the local servers, directly or through production adapters, are
 * not recorded. The SDK builds one interceptor per client, so the calls are kept in one JVM-wide
 * set.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
  private static final Set<AwsCall> CALLS = ConcurrentHashMap.newKeySet();
  private static final Map<Class<?>, Boolean> TEST_CODE = new ConcurrentHashMap<>();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Pattern KEY_CONDITION = Pattern.compile("([#\\w]+)\\s*=\\s*(:\\w+)");

  /** Everything recorded in this JVM so far. */
  public static Set<AwsCall> calls() {
    return Set.copyOf(CALLS);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!madeForAFunction()) {
      return;
    }
    SdkRequest request = context.request();
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String pkg = request.getClass().getPackageName();
    if (pkg.contains(".dynamodb.")) {
      CALLS.addAll(dynamo(operation, request));
    } else if (pkg.contains(".sqs.")) {
      String url = field(request, "QueueUrl").orElse("?");
      CALLS.add(new AwsCall("sqs", operation, null, url.substring(url.lastIndexOf('/') + 1), null));
    } else if (pkg.contains(".sesv2.")) {
      CALLS.addAll(ses(operation, request));
    } else if (pkg.contains(".sns.")) {
      // The resource an SNS mobile push call acts on: the platform application or the endpoint.
      String arn = field(request, "PlatformApplicationArn").or(() -> field(request, "EndpointArn"))
          .or(() -> field(request, "TargetArn")).orElse("?");
      CALLS.add(new AwsCall("sns", operation, null, arn, null));
    } else if (pkg.contains(".secretsmanager.")) {
      CALLS.add(new AwsCall("secretsmanager", operation, null, field(request, "SecretId").orElse("?"), null));
    } else {
      CALLS.add(new AwsCall(pkg, operation, null, "?", null));
    }
  }

  private static List<AwsCall> dynamo(String operation, SdkRequest request) {
    List<AwsCall> calls = new ArrayList<>();
    switch (request) {
      case TransactWriteItemsRequest t -> t.transactItems().forEach(item -> {
        if (item.put() != null) {
          calls.add(new AwsCall("dynamodb", operation, "Put", item.put().tableName(), family(item.put().item())));
        } else if (item.update() != null) {
          calls.add(new AwsCall("dynamodb", operation, "Update", item.update().tableName(), family(item.update().key())));
        } else if (item.delete() != null) {
          calls.add(new AwsCall("dynamodb", operation, "Delete", item.delete().tableName(), family(item.delete().key())));
        } else if (item.conditionCheck() != null) {
          calls.add(new AwsCall("dynamodb", operation, "ConditionCheck", item.conditionCheck().tableName(),
              family(item.conditionCheck().key())));
        }
      });
      case TransactGetItemsRequest t -> t.transactItems().forEach(item ->
          calls.add(new AwsCall("dynamodb", operation, "Get", item.get().tableName(), family(item.get().key()))));
      case BatchGetItemRequest b -> b.requestItems().forEach((table, keys) -> keys.keys().forEach(key ->
          calls.add(new AwsCall("dynamodb", operation, null, table, family(key)))));
      default -> {
        String table = field(request, "TableName").orElse("?");
        Optional<String> index = field(request, "IndexName");
        String resource = index.map(i -> table + "/index/" + i).orElse(table);
        calls.add(new AwsCall("dynamodb", operation, null, resource, keyFamily(operation, request, index.isPresent())));
      }
    }
    return calls;
  }

  @SuppressWarnings("unchecked")
  private static String keyFamily(String operation, SdkRequest request, boolean onIndex) {
    if (operation.equals("PutItem")) {
      return request.getValueForField("Item", Map.class).map(m -> family((Map<String, AttributeValue>) m)).orElse(null);
    }
    if (operation.equals("Query")) {
      if (onIndex) {
        return null;
      }
      String condition = field(request, "KeyConditionExpression").orElse("");
      Map<String, String> names = request.getValueForField("ExpressionAttributeNames", Map.class).orElse(Map.of());
      Map<String, AttributeValue> values = request.getValueForField("ExpressionAttributeValues", Map.class).orElse(Map.of());
      Matcher m = KEY_CONDITION.matcher(condition);
      while (m.find()) {
        String name = names.getOrDefault(m.group(1), m.group(1));
        if (name.equals("pk") || name.equals("id")) {
          AttributeValue v = values.get(m.group(2));
          return v == null ? null : prefix(v.s());
        }
      }
      return null;
    }
    return request.getValueForField("Key", Map.class).map(m -> family((Map<String, AttributeValue>) m)).orElse(null);
  }

  /** The family of the partition key of either table ({@code pk} or {@code id}). */
  private static String family(Map<String, AttributeValue> item) {
    for (String hashKey : List.of("pk", "id")) {
      AttributeValue v = item.get(hashKey);
      if (v != null && v.s() != null) {
        return prefix(v.s());
      }
    }
    return null;
  }

  private static String prefix(String value) {
    if (value == null) {
      return null;
    }
    int hash = value.indexOf('#');
    return hash < 0 ? value : value.substring(0, hash + 1);
  }

  private static List<AwsCall> ses(String operation, SdkRequest request) {
    List<AwsCall> calls = new ArrayList<>();
    String variant = null;
    Object content = request.getValueForField("Content", Object.class).orElse(null);
    if (content != null) {
      variant = present(content, "raw") ? "Raw" : present(content, "template") ? "Template" : "Simple";
    }
    String from = field(request, "FromEmailAddress").orElse("?");
    calls.add(new AwsCall("ses", operation, variant, "identity/" + from, null));
    String set = field(request, "ConfigurationSetName").orElse(null);
    if (set != null) {
      calls.add(new AwsCall("ses", operation, variant, "configuration-set/" + set, null));
    }
    return calls;
  }

  private static boolean present(Object pojo, String accessor) {
    try {
      return pojo.getClass().getMethod(accessor).invoke(pojo) != null;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static Optional<String> field(SdkRequest request, String name) {
    return request.getValueForField(name, String.class);
  }

  /**
   * Walks the stack from the SDK outwards to the first test frame. The call is the function's when
   * no test frame is found (a thread the function started) or when the production frame the test
   * called into is a Lambda handler.
   */
  private static boolean madeForAFunction() {
    return WALKER.walk(frames -> {
      Class<?> entry = null;
      for (var it = frames.iterator(); it.hasNext(); ) {
        Class<?> c = it.next().getDeclaringClass();
        if (!c.getName().startsWith("com.boxoffice.")) {
          continue;
        }
        if (c == RecordingInterceptor.class) {
          continue;
        }
        if (isTestCode(c)) {
          return entry != null && isHandler(entry);
        }
        entry = c;
      }
      return entry != null;
    });
  }

  /** A Lambda handler: implements the runtime's {@code RequestHandler}, itself or through a superclass. */
  private static boolean isHandler(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        if (i.getName().equals("com.amazonaws.services.lambda.runtime.RequestHandler")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isTestCode(Class<?> c) {
    return TEST_CODE.computeIfAbsent(c, k -> {
      if (k.getName().startsWith("com.boxoffice.testkit.")) {
        return true;
      }
      CodeSource source = k.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return false;
      }
      String location = URI.create(source.getLocation().toString()).getPath();
      return location.contains("/test-classes/") || location.endsWith("-tests.jar");
    });
  }

  /** For assertions that print what was seen. */
  public static String describe(Collection<AwsCall> calls) {
    return String.join("\n", calls.stream().map(AwsCall::toString).sorted().toList());
  }
}

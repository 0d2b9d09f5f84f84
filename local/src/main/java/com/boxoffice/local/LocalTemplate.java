package com.boxoffice.local;

import com.boxoffice.testkit.TemplateYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions of {@code template.yaml} as the local runner needs them: handler class, timeout,
 * environment (Globals merged with the function's own, values still unresolved), HTTP API routes
 * with whether the JWT authorizer guards them, function URLs and schedules.
 */
public final class LocalTemplate {

  /** An HTTP API route; {@code authorized} is false for routes with {@code Authorizer: NONE}. */
  public record Route(String method, String path, boolean authorized) {}

  /** A ScheduleV2 event: {@code rate(N unit)} and the JSON input. */
  public record Schedule(String name, String expression, String input) {}

  /** A DynamoDB event: the function reads the stream of the table {@code tableLogicalId}. */
  public record StreamSource(String name, String tableLogicalId, int batchSize) {}

  /** One AWS::Serverless::Function. */
  public record Function(
      String logicalId,
      String handlerClass,
      int timeoutSeconds,
      Map<String, Object> environment,
      List<Route> routes,
      boolean functionUrl,
      List<Schedule> schedules,
      List<StreamSource> streams) {

    /** Whether the function reads the business table's stream. */
    boolean tableStream() {
      return !streams.isEmpty();
    }
  }

  private final Map<String, Function> functions;
  private final Map<String, String> resourceTypes;
  private final Map<String, Object> parameterDefaults;

  private LocalTemplate(Map<String, Function> functions, Map<String, String> resourceTypes,
      Map<String, Object> parameterDefaults) {
    this.functions = functions;
    this.resourceTypes = resourceTypes;
    this.parameterDefaults = parameterDefaults;
  }

  public static LocalTemplate load(Path template) {
    Map<String, Object> root = TemplateYaml.load(template);
    Map<String, Object> globalEnv = path(root, "Globals", "Function", "Environment", "Variables");
    Map<String, Object> resources = map(root.get("Resources"));
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Function> functions = new LinkedHashMap<>();
    for (var entry : resources.entrySet()) {
      Map<String, Object> resource = map(entry.getValue());
      String type = (String) resource.get("Type");
      types.put(entry.getKey(), type);
      if (!"AWS::Serverless::Function".equals(type)) {
        continue;
      }
      Map<String, Object> props = map(resource.get("Properties"));
      Map<String, Object> env = new LinkedHashMap<>(globalEnv);
      env.putAll(path(props, "Environment", "Variables"));
      List<Route> routes = new ArrayList<>();
      List<Schedule> schedules = new ArrayList<>();
      List<StreamSource> streams = new ArrayList<>();
      for (var ev : map(props.getOrDefault("Events", Map.of())).entrySet()) {
        Map<String, Object> event = map(ev.getValue());
        Map<String, Object> eventProps = map(event.getOrDefault("Properties", Map.of()));
        switch (String.valueOf(event.get("Type"))) {
          case "HttpApi" -> {
            Object authorizer = path(eventProps, "Auth").get("Authorizer");
            routes.add(new Route((String) eventProps.get("Method"), (String) eventProps.get("Path"),
                !"NONE".equals(authorizer)));
          }
          case "ScheduleV2" -> schedules.add(new Schedule(ev.getKey(), (String) eventProps.get("ScheduleExpression"),
              (String) eventProps.getOrDefault("Input", "{}")));
          case "DynamoDB" -> {
            // Stream: !GetAtt <Table>.StreamArn
            Object getAtt = map(eventProps.get("Stream")).get("Fn::GetAtt");
            String ref = getAtt instanceof List<?> l ? (String) l.get(0) : String.valueOf(getAtt);
            streams.add(new StreamSource(ev.getKey(), ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref,
                Integer.parseInt(String.valueOf(eventProps.getOrDefault("BatchSize", 100)))));
          }
          default -> { }
        }
      }
      String handler = (String) props.get("Handler");
      functions.put(entry.getKey(), new Function(
          entry.getKey(),
          handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler,
          Integer.parseInt(String.valueOf(props.getOrDefault("Timeout", 3))),
          env,
          routes,
          props.containsKey("FunctionUrlConfig"),
          schedules,
          streams));
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (var p : map(root.getOrDefault("Parameters", Map.of())).entrySet()) {
      Object d = map(p.getValue()).get("Default");
      if (d != null) {
        defaults.put(p.getKey(), d);
      }
    }
    return new LocalTemplate(functions, types, defaults);
  }

  public Map<String, Function> functions() {
    return functions;
  }

  public Function function(String logicalId) {
    return Objects.requireNonNull(functions.get(logicalId), () -> "no function " + logicalId + " in template.yaml");
  }

  public String resourceType(String logicalId) {
    return resourceTypes.get(logicalId);
  }

  public Map<String, Object> parameterDefaults() {
    return parameterDefaults;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, Object> path(Map<String, Object> root, String... keys) {
    Map<String, Object> current = root;
    for (String key : keys) {
      current = map(current.get(key));
    }
    return current;
  }
}

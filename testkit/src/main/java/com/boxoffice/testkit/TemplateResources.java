package com.boxoffice.testkit;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DynamoDB tables and SQS queues declared in {@code template.yaml}, read into plain
 * descriptions so the local runner and the tests create exactly what CloudFormation would.
 *
 * <p>Names are kept as their {@code !Sub} templates and resolved against a local stage name.
 */
public final class TemplateResources {

  /** A global secondary index: its name, hash key and optional range key. */
  /** A global secondary index; {@code projection} is ALL, KEYS_ONLY or INCLUDE (with {@code nonKeyAttributes}). */
  public record IndexSpec(String name, String hashKey, String rangeKey, String projection,
      List<String> nonKeyAttributes) {
    public IndexSpec(String name, String hashKey, String rangeKey) {
      this(name, hashKey, rangeKey, "ALL", List.of());
    }
  }

  /** A DynamoDB table as the template declares it. */
  public record TableSpec(
      String logicalId,
      String nameTemplate,
      String hashKey,
      String rangeKey,
      Map<String, String> attributeTypes,
      List<IndexSpec> indexes,
      String ttlAttribute,
      String streamViewType) {
    /** The physical table name for a stage, e.g. {@code boxoffice-local}. */
    public String nameFor(String stage) {
      return nameTemplate.replace("${Stage}", stage);
    }
  }

  /** An SQS queue as the template declares it, with its redrive policy if any. */
  public record QueueSpec(
      String logicalId,
      String nameTemplate,
      int visibilityTimeoutSeconds,
      int messageRetentionSeconds,
      int receiveWaitSeconds,
      String deadLetterLogicalId,
      int maxReceiveCount) {
    public String nameFor(String stage) {
      return nameTemplate.replace("${Stage}", stage);
    }

    public boolean hasRedrive() {
      return deadLetterLogicalId != null;
    }
  }

  private final Map<String, TableSpec> tables;
  private final Map<String, QueueSpec> queues;

  private TemplateResources(Map<String, TableSpec> tables, Map<String, QueueSpec> queues) {
    this.tables = Map.copyOf(tables);
    this.queues = Map.copyOf(queues);
  }

  /** Reads the template at the repository root (see {@link RepoRoot}). */
  public static TemplateResources load() {
    return load(RepoRoot.find().resolve("template.yaml"));
  }

  public static TemplateResources load(Path template) {
    try (Reader reader = Files.newBufferedReader(template)) {
      Map<String, Object> root = TemplateYaml.parse(reader);
      Map<String, Object> resources = asMap(root.get("Resources"), "Resources");
      Map<String, TableSpec> tables = new LinkedHashMap<>();
      Map<String, QueueSpec> queues = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : resources.entrySet()) {
        Map<String, Object> resource = asMap(entry.getValue(), entry.getKey());
        Object type = resource.get("Type");
        Map<String, Object> props = asMap(resource.getOrDefault("Properties", Map.of()), entry.getKey());
        if ("AWS::DynamoDB::Table".equals(type)) {
          tables.put(entry.getKey(), table(entry.getKey(), props));
        } else if ("AWS::SQS::Queue".equals(type)) {
          queues.put(entry.getKey(), queue(entry.getKey(), props));
        }
      }
      return new TemplateResources(tables, queues);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + template, e);
    }
  }

  public Map<String, TableSpec> tables() {
    return tables;
  }

  public Map<String, QueueSpec> queues() {
    return queues;
  }

  public TableSpec table(String logicalId) {
    return Objects.requireNonNull(tables.get(logicalId), () -> "no table " + logicalId + " in template.yaml");
  }

  public QueueSpec queue(String logicalId) {
    return Objects.requireNonNull(queues.get(logicalId), () -> "no queue " + logicalId + " in template.yaml");
  }

  private static TableSpec table(String logicalId, Map<String, Object> props) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Object def : asList(props.get("AttributeDefinitions"), logicalId)) {
      Map<String, Object> d = asMap(def, logicalId);
      types.put((String) d.get("AttributeName"), (String) d.get("AttributeType"));
    }
    String[] keys = keySchema(asList(props.get("KeySchema"), logicalId));
    List<IndexSpec> indexes = new ArrayList<>();
    for (Object gsi : asList(props.getOrDefault("GlobalSecondaryIndexes", List.of()), logicalId)) {
      Map<String, Object> g = asMap(gsi, logicalId);
      String[] gk = keySchema(asList(g.get("KeySchema"), logicalId));
      Map<String, Object> projection = g.get("Projection") == null ? Map.of() : asMap(g.get("Projection"), logicalId);
      List<String> nonKey = new ArrayList<>();
      for (Object a : asList(projection.getOrDefault("NonKeyAttributes", List.of()), logicalId)) {
        nonKey.add((String) a);
      }
      indexes.add(new IndexSpec((String) g.get("IndexName"), gk[0], gk[1],
          (String) projection.getOrDefault("ProjectionType", "ALL"), List.copyOf(nonKey)));
    }
    String ttl = null;
    Object ttlSpec = props.get("TimeToLiveSpecification");
    if (ttlSpec != null) {
      Map<String, Object> t = asMap(ttlSpec, logicalId);
      if (Boolean.TRUE.equals(t.get("Enabled"))) {
        ttl = (String) t.get("AttributeName");
      }
    }
    String stream = null;
    Object streamSpec = props.get("StreamSpecification");
    if (streamSpec != null) {
      stream = (String) asMap(streamSpec, logicalId).get("StreamViewType");
    }
    return new TableSpec(logicalId, subTemplate(props.get("TableName"), logicalId), keys[0], keys[1],
        types, indexes, ttl, stream);
  }

  private static QueueSpec queue(String logicalId, Map<String, Object> props) {
    String dlq = null;
    int maxReceive = 0;
    Object redrive = props.get("RedrivePolicy");
    if (redrive != null) {
      Map<String, Object> r = asMap(redrive, logicalId);
      Map<String, Object> target = asMap(r.get("deadLetterTargetArn"), logicalId + " deadLetterTargetArn");
      Object getAtt = target.get("Fn::GetAtt");
      String ref = getAtt instanceof List<?> l ? (String) l.get(0) : String.valueOf(getAtt);
      dlq = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
      maxReceive = ((Number) r.get("maxReceiveCount")).intValue();
    }
    return new QueueSpec(
        logicalId,
        subTemplate(props.get("QueueName"), logicalId),
        intProp(props, "VisibilityTimeout", 30),
        intProp(props, "MessageRetentionPeriod", 345600),
        intProp(props, "ReceiveMessageWaitTimeSeconds", 0),
        dlq,
        maxReceive);
  }

  private static int intProp(Map<String, Object> props, String name, int dflt) {
    Object v = props.get(name);
    return v == null ? dflt : Integer.parseInt(String.valueOf(v));
  }

  private static String[] keySchema(List<Object> schema) {
    String hash = null;
    String range = null;
    for (Object k : schema) {
      Map<String, Object> key = asMap(k, "KeySchema");
      if ("HASH".equals(key.get("KeyType"))) {
        hash = (String) key.get("AttributeName");
      } else {
        range = (String) key.get("AttributeName");
      }
    }
    return new String[] {hash, range};
  }

  private static String subTemplate(Object name, String logicalId) {
    if (name instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String s) {
      return s;
    }
    if (name instanceof String s) {
      return s;
    }
    throw new IllegalStateException(logicalId + ": name must be a string or !Sub, was " + name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o, String where) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("template.yaml: expected a mapping at " + where + ", found " + o);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object o, String where) {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalStateException("template.yaml: expected a list at " + where + ", found " + o);
  }

}

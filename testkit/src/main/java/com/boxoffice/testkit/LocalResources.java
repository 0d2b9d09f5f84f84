package com.boxoffice.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * Physical names of the tables and queues created for one stage, keyed by their logical ids in
 * {@code template.yaml} (for example {@code BoxofficeTable} or {@code EmailQueue}).
 */
public record LocalResources(String stage, Map<String, String> tables, Map<String, String> queueUrls) {
  public LocalResources {
    tables = Map.copyOf(tables);
    queueUrls = Map.copyOf(queueUrls);
  }

  public String table(String logicalId) {
    return Objects.requireNonNull(tables.get(logicalId), () -> "no table " + logicalId);
  }

  public String queueUrl(String logicalId) {
    return Objects.requireNonNull(queueUrls.get(logicalId), () -> "no queue " + logicalId);
  }
}

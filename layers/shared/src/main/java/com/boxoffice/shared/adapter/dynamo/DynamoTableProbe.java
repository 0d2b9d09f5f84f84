package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.port.out.ReachabilityProbe;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether the main table answers: one eventually consistent GetItem of a key no item ever has
 * ({@code pk = sk = HEALTH#probe}), so it costs half a read unit, reads no data and needs only the
 * {@code dynamodb:GetItem} the functions already hold. Bounded to two seconds, so a health check
 * stays quick when DynamoDB does not answer.
 */
public final class DynamoTableProbe implements ReachabilityProbe {
  static final String PROBE_KEY = "HEALTH#probe";
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(DynamoTableProbe.class);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoTableProbe(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public boolean answers() {
    try {
      dynamo.getItem(b -> b.tableName(table)
          .key(Map.of("pk", AttributeValue.fromS(PROBE_KEY), "sk", AttributeValue.fromS(PROBE_KEY)))
          .projectionExpression("pk")
          .overrideConfiguration(AwsRequestOverrideConfiguration.builder()
              .apiCallTimeout(TIMEOUT).apiCallAttemptTimeout(TIMEOUT).build()));
      return true;
    } catch (SdkException e) {
      LOG.warn("table probe failed: {}", e.getClass().getSimpleName());
      return false;
    }
  }
}

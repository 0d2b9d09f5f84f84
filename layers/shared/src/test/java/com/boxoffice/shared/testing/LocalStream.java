package com.boxoffice.shared.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.LambdaStreamRecords;
import com.boxoffice.testkit.LocalAws;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's stream on DynamoDB Local as Lambda would deliver it (aws-lambda-java-events): the
 * stream is read by {@link DynamoStreamReader} and its records turned into Lambda's by
 * {@link LambdaStreamRecords}, as the local runner does; this only owns the Streams client.
 */
public final class LocalStream implements AutoCloseable {
  private final DynamoDbStreamsClient streams;
  private final DynamoStreamReader reader;

  public LocalStream(LocalAws aws, String table) {
    this.streams = aws.dynamoStreams();
    try {
      this.reader = new DynamoStreamReader(aws.dynamo(), streams, table);
    } catch (RuntimeException e) {
      streams.close();
      throw e;
    }
  }

  /** Every record written since the last call, in shard order, as Lambda's record type. */
  public List<DynamodbEvent.DynamodbStreamRecord> readNew() {
    return new ArrayList<>(LambdaStreamRecords.event(reader.pollRecords()).getRecords());
  }

  /** The records as one delivery of the event source mapping. */
  public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
    var e = new DynamodbEvent();
    e.setRecords(new ArrayList<>(records));
    return e;
  }

  @Override
  public void close() {
    streams.close();
  }
}

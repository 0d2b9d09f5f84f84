package com.boxoffice.shared.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.boxoffice.testkit.LocalAws;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream on DynamoDB Local with the DynamoDB Streams client, from the start of
 * every shard, and turns the records into what Lambda would deliver (aws-lambda-java-events).
 */
public final class LocalStream implements AutoCloseable {
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final Map<String, String> iterators = new HashMap<>();

  public LocalStream(LocalAws aws, String table) {
    this.streams = DynamoDbStreamsClient.builder().endpointOverride(aws.dynamoEndpoint())
        .region(LocalAws.REGION).credentialsProvider(LocalAws.CREDENTIALS).build();
    this.streamArn = aws.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    if (streamArn == null) {
      throw new IllegalStateException(table + " has no stream");
    }
  }

  /** Every record written since the last call, in shard order, as Lambda's record type. */
  public List<DynamodbEvent.DynamodbStreamRecord> readNew() {
    List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
    for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
      String it = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b.streamArn(streamArn)
          .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
      while (it != null) {
        var page = streams.getRecords(b -> b.shardIterator(iterators.get(shard.shardId())));
        page.records().forEach(r -> out.add(lambdaRecord(r)));
        iterators.put(shard.shardId(), page.nextShardIterator());
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return out;
  }

  public static DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record r) {
    var sr = new StreamRecord();
    sr.setSequenceNumber(r.dynamodb().sequenceNumber());
    sr.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
    sr.setKeys(image(r.dynamodb().keys()));
    if (r.dynamodb().hasNewImage()) {
      sr.setNewImage(image(r.dynamodb().newImage()));
    }
    if (r.dynamodb().hasOldImage()) {
      sr.setOldImage(image(r.dynamodb().oldImage()));
    }
    sr.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
    var rec = new DynamodbEvent.DynamodbStreamRecord();
    rec.setEventID(r.eventID());
    rec.setEventName(r.eventNameAsString());
    rec.setEventSource("aws:dynamodb");
    rec.setAwsRegion("us-east-1");
    rec.setDynamodb(sr);
    return rec;
  }

  public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
    var e = new DynamodbEvent();
    e.setRecords(new ArrayList<>(records));
    return e;
  }

  private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
      Map<String, AttributeValue> image) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
    image.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
    var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    if (v.s() != null) {
      out.setS(v.s());
    } else if (v.n() != null) {
      out.setN(v.n());
    } else if (v.bool() != null) {
      out.setBOOL(v.bool());
    } else if (v.hasSs()) {
      out.setSS(v.ss());
    } else if (v.hasNs()) {
      out.setNS(v.ns());
    } else if (v.hasM()) {
      out.setM(image(v.m()));
    } else if (v.hasL()) {
      out.setL(v.l().stream().map(LocalStream::value).toList());
    } else if (v.b() != null) {
      out.setB(v.b().asByteBuffer());
    } else {
      out.setNULL(true);
    }
    return out;
  }

  @Override
  public void close() {
    streams.close();
  }
}

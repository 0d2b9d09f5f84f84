package com.boxoffice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.boxoffice.testkit.LocalAws;
import java.net.URI;
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
 * What Lambda's event source mapping does for a DynamoDB stream, on DynamoDB Local: reads every
 * shard from its start, hands the records to the function in batches, and when the function names
 * a failed record (a partial batch response) hands that record and the ones after it again on the
 * next poll. Bisection, the retry limit and the on-failure destination are not imitated.
 */
final class LocalStreamPoller implements Runnable {
  private final String function;
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final int batchSize;
  private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
  private final Map<String, String> iterators = new HashMap<>();
  private final List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();

  LocalStreamPoller(String function, URI dynamoEndpoint, String streamArn, int batchSize,
      RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
    this.function = function;
    this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoEndpoint).region(LocalAws.REGION)
        .credentialsProvider(LocalAws.CREDENTIALS).build();
    this.streamArn = streamArn;
    this.batchSize = batchSize;
    this.handler = handler;
  }

  @Override
  public synchronized void run() {
    try {
      read();
      while (!pending.isEmpty()) {
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
        var event = new DynamodbEvent();
        event.setRecords(batch);
        StreamsEventResponse response = handler.handleRequest(event, new LocalContext(function, 60));
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
          pending.subList(0, batch.size()).clear();
          continue;
        }
        String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
        for (int i = 0; i < batch.size(); i++) {
          if (batch.get(i).getDynamodb().getSequenceNumber().equals(failed)) {
            pending.subList(0, i).clear();
            break;
          }
        }
        return; // try the failed record again on the next poll
      }
    } catch (RuntimeException e) {
      System.err.println(function + " stream poll failed: " + e);
    }
  }

  private void read() {
    for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
      String id = shard.shardId();
      if (!iterators.containsKey(id)) {
        iterators.put(id, streams.getShardIterator(b -> b.streamArn(streamArn).shardId(id)
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
      }
      String it = iterators.get(id);
      while (it != null) {
        String current = it;
        var page = streams.getRecords(b -> b.shardIterator(current));
        page.records().forEach(r -> pending.add(lambdaRecord(r)));
        iterators.put(id, page.nextShardIterator());
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
  }

  static DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record r) {
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
    sr.setStreamViewType(StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
    var rec = new DynamodbEvent.DynamodbStreamRecord();
    rec.setEventID(r.eventID());
    rec.setEventName(r.eventNameAsString());
    rec.setEventSource("aws:dynamodb");
    rec.setAwsRegion(LocalAws.REGION.id());
    rec.setDynamodb(sr);
    return rec;
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
      out.setL(v.l().stream().map(LocalStreamPoller::value).toList());
    } else if (v.b() != null) {
      out.setB(v.b().asByteBuffer());
    } else {
      out.setNULL(true);
    }
    return out;
  }
}

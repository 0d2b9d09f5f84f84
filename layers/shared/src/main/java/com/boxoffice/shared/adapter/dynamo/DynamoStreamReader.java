package com.boxoffice.shared.adapter.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the main table's stream directly, shard by shard from its oldest record, where no event
 * source mapping runs (the local runner, tests on DynamoDB Local): each {@link #poll} returns the
 * records written since the last one, in shard order. Not thread-safe; one reader per consumer.
 */
public final class DynamoStreamReader {
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  /** The next iterator of every shard seen; null once a closed shard was read to its end. */
  private final Map<String, String> positions = new HashMap<>();

  public DynamoStreamReader(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
    this.streams = streams;
    this.streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    if (streamArn == null) {
      throw new IllegalStateException("table " + table + " has no stream");
    }
  }

  /** Every record written since the last poll. */
  public List<TableChange> poll() {
    return pollRecords().stream().map(DynamoStreamReader::change).toList();
  }

  /** Every record written since the last poll, as the stream API returns it. */
  public List<Record> pollRecords() {
    List<Record> out = new ArrayList<>();
    List<Shard> shards = new ArrayList<>();
    String last = null;
    do {
      String from = last;
      var d = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from)).streamDescription();
      shards.addAll(d.shards());
      last = d.lastEvaluatedShardId();
    } while (last != null);
    for (Shard shard : shards) {
      if (!positions.containsKey(shard.shardId())) {
        positions.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
      }
      String iterator = positions.get(shard.shardId());
      while (iterator != null) {
        String at = iterator;
        var r = streams.getRecords(b -> b.shardIterator(at));
        for (Record record : r.records()) {
          out.add(record);
        }
        iterator = r.nextShardIterator();
        if (r.records().isEmpty()) {
          break;
        }
      }
      positions.put(shard.shardId(), iterator);
    }
    return out;
  }

  static TableChange change(Record record) {
    var d = record.dynamodb();
    return new TableChange(d.sequenceNumber(), TableChange.Kind.valueOf(record.eventNameAsString()),
        d.hasOldImage() ? d.oldImage() : Map.of(), d.hasNewImage() ? d.newImage() : Map.of());
  }
}

package com.boxoffice.shared.adapter.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.boxoffice.shared.domain.analytics.TableChange;
import java.time.Instant;

/**
 * Translates the records of a DynamoDB stream event, as Lambda delivers them, into
 * {@link TableChange}s: the record's event id and sequence number, its approximate creation time,
 * and the facts of its old and new images (see {@link AnalyticsItems}). The images' values are read
 * by {@link LambdaStreamRecords#item}, the one conversion every stream reader shares; a record
 * holding a value it cannot read ends the batch's reading there ({@link StreamBatch}).
 */
public final class StreamChanges {
  private StreamChanges() {}

  /** The batch's records, read up to the first that cannot be (see {@link StreamBatch}). */
  public static StreamBatch<TableChange> of(DynamodbEvent event) {
    return StreamBatch.read(event, StreamChanges::of);
  }

  public static TableChange of(DynamodbEvent.DynamodbStreamRecord record) {
    StreamRecord r = record.getDynamodb();
    Instant at = r.getApproximateCreationDateTime() == null ? Instant.EPOCH
        : r.getApproximateCreationDateTime().toInstant();
    return new TableChange(record.getEventID(), r.getSequenceNumber(), at,
        AnalyticsItems.facts(LambdaStreamRecords.item(r.getOldImage())),
        AnalyticsItems.facts(LambdaStreamRecords.item(r.getNewImage())));
  }
}

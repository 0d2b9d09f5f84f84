package com.boxoffice.shared.adapter.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.boxoffice.shared.domain.analytics.TableChange;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Translates the records of a DynamoDB stream event, as Lambda delivers them, into
 * {@link TableChange}s: the record's event id and sequence number, its approximate creation time,
 * and the facts of its old and new images (see {@link AnalyticsItems}).
 */
public final class StreamChanges {
  private StreamChanges() {}

  public static List<TableChange> of(DynamodbEvent event) {
    return event.getRecords() == null ? List.of() : event.getRecords().stream().map(StreamChanges::of).toList();
  }

  public static TableChange of(DynamodbEvent.DynamodbStreamRecord record) {
    StreamRecord r = record.getDynamodb();
    Instant at = r.getApproximateCreationDateTime() == null ? Instant.EPOCH
        : r.getApproximateCreationDateTime().toInstant();
    return new TableChange(record.getEventID(), r.getSequenceNumber(), at,
        AnalyticsItems.facts(image(r.getOldImage())), AnalyticsItems.facts(image(r.getNewImage())));
  }

  static Map<String, AttributeValue> image(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
    if (image == null) {
      return Map.of();
    }
    Map<String, AttributeValue> out = new HashMap<>();
    image.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
    if (v.getS() != null) {
      return AttributeValue.fromS(v.getS());
    }
    if (v.getN() != null) {
      return AttributeValue.fromN(v.getN());
    }
    if (v.getBOOL() != null) {
      return AttributeValue.fromBool(v.getBOOL());
    }
    if (v.getNULL() != null) {
      return AttributeValue.fromNul(v.getNULL());
    }
    if (v.getB() != null) {
      return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB().duplicate()));
    }
    if (v.getSS() != null) {
      return AttributeValue.fromSs(v.getSS());
    }
    if (v.getNS() != null) {
      return AttributeValue.fromNs(v.getNS());
    }
    if (v.getBS() != null) {
      return AttributeValue.fromBs(v.getBS().stream().map(ByteBuffer::duplicate).map(SdkBytes::fromByteBuffer).toList());
    }
    if (v.getM() != null) {
      return AttributeValue.fromM(image(v.getM()));
    }
    if (v.getL() != null) {
      return AttributeValue.fromL(v.getL().stream().map(StreamChanges::value).toList());
    }
    return AttributeValue.fromNul(true);
  }
}

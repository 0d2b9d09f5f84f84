package com.boxoffice.shared.adapter.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Translates the records of a DynamoDB stream event, as Lambda's event source mapping delivers
 * them (the Lambda events library's own attribute type), into {@link TableChange}s with the SDK's
 * attribute values, so projections read the same item maps as the adapters write; and, where no
 * event source mapping runs (the local runner, tests), the stream API's records into that event.
 * Its {@link #item} is the one conversion of delivered values, used by {@link StreamChanges} too.
 */
public final class LambdaStreamRecords {
  private LambdaStreamRecords() {}

  /** The batch's records, read up to the first that cannot be (see {@link StreamBatch}). */
  public static StreamBatch<TableChange> changes(DynamodbEvent event) {
    return StreamBatch.read(event, LambdaStreamRecords::change);
  }

  /** One record; throws when its event name or one of its values cannot be read. */
  static TableChange change(DynamodbEvent.DynamodbStreamRecord r) {
    var d = r.getDynamodb();
    return new TableChange(d.getSequenceNumber(), TableChange.Kind.valueOf(r.getEventName()),
        item(d.getOldImage()), item(d.getNewImage()));
  }

  /**
   * An image (or a map value) as the SDK's attribute values: the one conversion of what the Lambda
   * events library delivers, for every reader of the table's stream ({@link StreamChanges} too).
   * An absent image is an empty item. See {@link #value} for how each value is read.
   *
   * @throws IllegalArgumentException naming the attribute (never its value) that holds a value of
   *     no known kind
   */
  static Map<String, AttributeValue> item(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
    return image == null ? Map.of() : item(image, "");
  }

  private static Map<String, AttributeValue> item(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image, String at) {
    Map<String, AttributeValue> out = new HashMap<>();
    image.forEach((k, v) -> out.put(k, value(v, at.isEmpty() ? k : at + "." + k)));
    return out;
  }

  /**
   * One value as the SDK's attribute value, of the same kind: S, N, B, BOOL, NULL, SS, NS, BS,
   * and L and M read value by value.
   *
   * <p>Binary values (B and each of BS) are copied out of the delivered buffer, from its position
   * to its limit, through a duplicate: reading does not move the caller's position (a second read
   * of the same record, a log of it, sees the same bytes), and the SDK value shares no memory with
   * the record, so neither can change the other afterwards.
   *
   * <p>A value of no known kind (none of the fields set, as a kind DynamoDB adds after this
   * library would arrive, or a NULL that is not {@code true}) is an error, not a null or a missing
   * attribute: the readers write from these images (the scan log, the analytics counters, the
   * pushes of an event's changed time or venue), and a value read as absent would write wrong
   * data, or count a change as none, with no trace. The error stops the record in
   * {@link StreamBatch#read}, which both stream handlers report as that record's item failure
   * (partial batch response): the records before it are applied, it is retried, and after its
   * retries its position goes to the dead-letter queue, where an alarm calls for a look; nothing
   * is dropped and nothing is retried forever.
   */
  static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
    return value(v, "");
  }

  private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v,
      String at) {
    if (v == null) {
      throw unknown(at);
    }
    if (v.getS() != null) {
      return AttributeValue.fromS(v.getS());
    }
    if (v.getN() != null) {
      return AttributeValue.fromN(v.getN());
    }
    if (v.getBOOL() != null) {
      return AttributeValue.fromBool(v.getBOOL());
    }
    if (Boolean.TRUE.equals(v.getNULL())) {
      return AttributeValue.fromNul(true);
    }
    if (v.getB() != null) {
      return AttributeValue.fromB(bytes(v.getB()));
    }
    if (v.getSS() != null) {
      return AttributeValue.fromSs(List.copyOf(v.getSS()));
    }
    if (v.getNS() != null) {
      return AttributeValue.fromNs(List.copyOf(v.getNS()));
    }
    if (v.getBS() != null) {
      return AttributeValue.fromBs(v.getBS().stream().map(LambdaStreamRecords::bytes).toList());
    }
    if (v.getM() != null) {
      return AttributeValue.fromM(item(v.getM(), at));
    }
    if (v.getL() != null) {
      List<AttributeValue> list = new ArrayList<>();
      for (int i = 0; i < v.getL().size(); i++) {
        list.add(value(v.getL().get(i), at + "[" + i + "]"));
      }
      return AttributeValue.fromL(list);
    }
    throw unknown(at);
  }

  private static SdkBytes bytes(ByteBuffer delivered) {
    byte[] copy = new byte[delivered.remaining()];
    delivered.duplicate().get(copy);
    return SdkBytes.fromByteArrayUnsafe(copy);
  }

  private static IllegalArgumentException unknown(String at) {
    return new IllegalArgumentException("attribute " + (at.isEmpty() ? "(top)" : at)
        + " holds a value of no known kind");
  }

  /** The records as the event source mapping would deliver them in one batch. */
  public static DynamodbEvent event(List<software.amazon.awssdk.services.dynamodb.model.Record> records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records.stream().map(LambdaStreamRecords::lambdaRecord).toList());
    return event;
  }

  static DynamodbEvent.DynamodbStreamRecord lambdaRecord(software.amazon.awssdk.services.dynamodb.model.Record r) {
    var out = new DynamodbEvent.DynamodbStreamRecord();
    out.setEventID(r.eventID());
    out.setEventName(r.eventNameAsString());
    out.setEventSource("aws:dynamodb");
    StreamRecord d = new StreamRecord();
    d.setSequenceNumber(r.dynamodb().sequenceNumber());
    if (r.dynamodb().approximateCreationDateTime() != null) {
      d.setApproximateCreationDateTime(java.util.Date.from(r.dynamodb().approximateCreationDateTime()));
    }
    d.setKeys(lambdaImage(r.dynamodb().keys()));
    if (r.dynamodb().hasOldImage()) {
      d.setOldImage(lambdaImage(r.dynamodb().oldImage()));
    }
    if (r.dynamodb().hasNewImage()) {
      d.setNewImage(lambdaImage(r.dynamodb().newImage()));
    }
    out.setDynamodb(d);
    return out;
  }

  static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambdaImage(
      Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
    item.forEach((k, v) -> out.put(k, lambdaValue(v)));
    return out;
  }

  static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambdaValue(AttributeValue v) {
    var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    switch (v.type()) {
      case S -> out.setS(v.s());
      case N -> out.setN(v.n());
      case BOOL -> out.setBOOL(v.bool());
      case SS -> out.setSS(v.ss());
      case NS -> out.setNS(v.ns());
      case B -> out.setB(ByteBuffer.wrap(v.b().asByteArray()));
      case BS -> out.setBS(v.bs().stream().map(b -> ByteBuffer.wrap(b.asByteArray())).toList());
      case M -> out.setM(lambdaImage(v.m()));
      case L -> out.setL(v.l().stream().map(LambdaStreamRecords::lambdaValue).toList());
      case NUL -> out.setNULL(true);
      default -> throw new IllegalArgumentException("attribute type " + v.type());
    }
    return out;
  }
}

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
 */
public final class LambdaStreamRecords {
  private LambdaStreamRecords() {}

  public static List<TableChange> changes(DynamodbEvent event) {
    List<TableChange> out = new ArrayList<>();
    if (event == null || event.getRecords() == null) {
      return out;
    }
    for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
      var d = r.getDynamodb();
      out.add(new TableChange(d.getSequenceNumber(), TableChange.Kind.valueOf(r.getEventName()),
          item(d.getOldImage()), item(d.getNewImage())));
    }
    return out;
  }

  static Map<String, AttributeValue> item(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
    if (image == null) {
      return Map.of();
    }
    Map<String, AttributeValue> out = new HashMap<>();
    image.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
    if (v.getS() != null) {
      return AttributeValue.fromS(v.getS());
    }
    if (v.getN() != null) {
      return AttributeValue.fromN(v.getN());
    }
    if (v.getBOOL() != null) {
      return AttributeValue.fromBool(v.getBOOL());
    }
    if (v.getSS() != null) {
      return AttributeValue.fromSs(v.getSS());
    }
    if (v.getNS() != null) {
      return AttributeValue.fromNs(v.getNS());
    }
    if (v.getB() != null) {
      return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
    }
    if (v.getBS() != null) {
      return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
    }
    if (v.getM() != null) {
      return AttributeValue.fromM(item(v.getM()));
    }
    if (v.getL() != null) {
      return AttributeValue.fromL(v.getL().stream().map(LambdaStreamRecords::value).toList());
    }
    if (Boolean.TRUE.equals(v.getNULL())) {
      return AttributeValue.fromNul(true);
    }
    throw new IllegalArgumentException("an attribute value of no known type");
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

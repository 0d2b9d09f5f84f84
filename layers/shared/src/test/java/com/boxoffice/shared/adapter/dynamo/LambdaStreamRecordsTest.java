package com.boxoffice.shared.adapter.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The one conversion of stream values as Lambda delivers them into the SDK's attribute values. */
@Tag("fast")
class LambdaStreamRecordsTest {

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda() {
    return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
  }

  private static ByteBuffer buffer(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyScalarAndSetKindBecomesTheSameKindWithTheSameContent() {
    assertThat(LambdaStreamRecords.value(lambda().withS("Hall A"))).isEqualTo(AttributeValue.fromS("Hall A"));
    assertThat(LambdaStreamRecords.value(lambda().withN("2500"))).isEqualTo(AttributeValue.fromN("2500"));
    assertThat(LambdaStreamRecords.value(lambda().withB(buffer("qr"))))
        .isEqualTo(AttributeValue.fromB(SdkBytes.fromUtf8String("qr")));
    assertThat(LambdaStreamRecords.value(lambda().withBOOL(false))).isEqualTo(AttributeValue.fromBool(false));
    assertThat(LambdaStreamRecords.value(lambda().withNULL(true))).isEqualTo(AttributeValue.fromNul(true));
    assertThat(LambdaStreamRecords.value(lambda().withSS("a", "b"))).isEqualTo(AttributeValue.fromSs(List.of("a", "b")));
    assertThat(LambdaStreamRecords.value(lambda().withNS("1", "2.5"))).isEqualTo(AttributeValue.fromNs(List.of("1", "2.5")));
    assertThat(LambdaStreamRecords.value(lambda().withBS(buffer("x"), buffer("yz"))))
        .isEqualTo(AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("yz"))));
  }

  @Test
  void listsAndMapsAreReadValueByValueAtAnyDepth() {
    var line = lambda().withM(Map.of("ticketTypeId", lambda().withS("vip"), "quantity", lambda().withN("2"),
        "tags", lambda().withL(List.of(lambda().withS("front"), lambda().withNULL(true)))));
    var image = Map.of("pk", lambda().withS("ORDER#o1"), "lines", lambda().withL(List.of(line)),
        "empty", lambda().withL(List.of()), "none", lambda().withM(Map.of()));

    Map<String, AttributeValue> item = LambdaStreamRecords.item(image);

    assertThat(item).containsOnlyKeys("pk", "lines", "empty", "none");
    assertThat(item.get("pk")).isEqualTo(AttributeValue.fromS("ORDER#o1"));
    assertThat(item.get("lines")).isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
        "ticketTypeId", AttributeValue.fromS("vip"), "quantity", AttributeValue.fromN("2"),
        "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("front"), AttributeValue.fromNul(true))))))));
    assertThat(item.get("empty")).isEqualTo(AttributeValue.fromL(List.of()));
    assertThat(item.get("none")).isEqualTo(AttributeValue.fromM(Map.of()));
  }

  @Test
  void anAbsentImageIsAnEmptyItem() {
    assertThat(LambdaStreamRecords.item(null)).isEmpty();
  }

  @Test
  void aValueOfNoKnownKindIsAnErrorNamingWhereItIsNotANullOrAMissingAttribute() {
    assertThatThrownBy(() -> LambdaStreamRecords.value(lambda()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no known kind");
    assertThatThrownBy(() -> LambdaStreamRecords.value(lambda().withNULL(false)))
        .as("DynamoDB's NULL is only ever true").isInstanceOf(IllegalArgumentException.class);

    var image = Map.of("pk", lambda().withS("ORDER#o1"),
        "lines", lambda().withL(List.of(lambda().withS("ok"), lambda().withM(Map.of("secret", lambda())))));
    assertThatThrownBy(() -> LambdaStreamRecords.item(image))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute lines[1].secret holds a value of no known kind");
  }

  @Test
  void binaryIsCopiedFromPositionToLimitWithoutMovingTheDeliveredBufferOrSharingIt() {
    byte[] backing = "--ticket--".getBytes(StandardCharsets.UTF_8);
    ByteBuffer delivered = ByteBuffer.wrap(backing);
    delivered.position(2).limit(8);
    ByteBuffer inSet = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
    inSet.position(1);

    AttributeValue b = LambdaStreamRecords.value(lambda().withB(delivered));
    AttributeValue bs = LambdaStreamRecords.value(lambda().withBS(inSet));

    assertThat(b.b().asUtf8String()).isEqualTo("ticket");
    assertThat(bs.bs()).containsExactly(SdkBytes.fromUtf8String("bc"));
    assertThat(delivered.position()).as("the caller's buffer is not moved").isEqualTo(2);
    assertThat(delivered.limit()).isEqualTo(8);
    assertThat(inSet.position()).isEqualTo(1);

    backing[2] = 'X';
    inSet.put(1, (byte) 'Z');
    assertThat(b.b().asUtf8String()).as("the record's memory is not shared").isEqualTo("ticket");
    assertThat(bs.bs()).containsExactly(SdkBytes.fromUtf8String("bc"));

    ByteBuffer direct = ByteBuffer.allocateDirect(4).put("door".getBytes(StandardCharsets.UTF_8)).flip();
    assertThat(LambdaStreamRecords.value(lambda().withB(direct)).b().asUtf8String()).isEqualTo("door");
    assertThat(direct.position()).isZero();
  }

  @Test
  void theSameBytesReadTwiceFromOneRecordGiveTheSameValue() {
    var value = lambda().withB(buffer("twice"));
    assertThat(LambdaStreamRecords.value(value)).isEqualTo(LambdaStreamRecords.value(value));
  }

  static DynamodbEvent.DynamodbStreamRecord record(String seq, String name,
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> newImage) {
    var r = new DynamodbEvent.DynamodbStreamRecord();
    r.setEventID("id-" + seq);
    r.setEventName(name);
    StreamRecord d = new StreamRecord();
    d.setSequenceNumber(seq);
    d.setNewImage(newImage);
    r.setDynamodb(d);
    return r;
  }

  static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
    DynamodbEvent e = new DynamodbEvent();
    e.setRecords(List.of(records));
    return e;
  }

  @Test
  void aBatchIsReadUpToTheFirstRecordThatCannotBeAndNamesIt() {
    var ok = Map.of("pk", lambda().withS("TICKET#t1"), "sk", lambda().withS("TICKET"));
    var unknown = new LinkedHashMap<>(ok);
    unknown.put("firstAdmittedAt", lambda());

    StreamBatch<TableChange> batch = LambdaStreamRecords.changes(event(record("100", "INSERT", ok),
        record("200", "MODIFY", unknown), record("300", "MODIFY", ok)));

    assertThat(batch.changes()).extracting(TableChange::sequenceNumber).containsExactly("100");
    assertThat(batch.received()).isEqualTo(3);
    assertThat(batch.unreadableAt()).contains("200");
    assertThat(batch.firstFailure(Optional.empty())).as("all read records applied").contains("200");
    assertThat(batch.firstFailure(Optional.of("100"))).as("an earlier record not applied").contains("100");
  }

  @Test
  void anUnknownEventNameIsAnUnreadableRecordToo() {
    var ok = Map.of("pk", lambda().withS("TICKET#t1"), "sk", lambda().withS("TICKET"));
    var batch = LambdaStreamRecords.changes(event(record("100", "TRUNCATE", ok)));
    assertThat(batch.changes()).isEmpty();
    assertThat(batch.unreadableAt()).contains("100");
  }

  @Test
  void aWholeReadableBatchHasNoFailure() {
    var ok = Map.of("pk", lambda().withS("TICKET#t1"), "sk", lambda().withS("TICKET"));
    var batch = LambdaStreamRecords.changes(event(record("100", "INSERT", ok), record("200", "REMOVE", null)));
    assertThat(batch.changes()).extracting(TableChange::kind)
        .containsExactly(TableChange.Kind.INSERT, TableChange.Kind.REMOVE);
    assertThat(batch.changes().get(0).newImage()).containsEntry("pk", AttributeValue.fromS("TICKET#t1"));
    assertThat(batch.firstFailure(Optional.empty())).isEmpty();
    assertThat(LambdaStreamRecords.changes(new DynamodbEvent()).changes()).isEmpty();
  }

  @Test
  void aRecordWithNoSequenceNumberCannotBeNamedSoItsErrorFailsTheInvocation() {
    var r = record("100", "INSERT", Map.of("pk", lambda()));
    r.getDynamodb().setSequenceNumber(null);
    assertThatThrownBy(() -> LambdaStreamRecords.changes(event(r))).isInstanceOf(IllegalArgumentException.class);
    r.getDynamodb().setSequenceNumber("");
    assertThatThrownBy(() -> LambdaStreamRecords.changes(event(r))).as("an empty one names nothing either")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAnalyticsReaderSharesTheConversionAndItsFailure() {
    var order = new LinkedHashMap<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>();
    order.put("pk", lambda().withS("TICKET#t1"));
    order.put("sk", lambda().withS("TICKET"));
    order.put("eventId", lambda().withS("evt-1"));
    order.put("ticketTypeId", lambda().withS("general"));
    var admitted = new LinkedHashMap<>(order);
    admitted.put("firstAdmittedAt", lambda());

    var batch = StreamChanges.of(event(record("100", "INSERT", order), record("200", "MODIFY", admitted)));

    assertThat(batch.changes()).extracting(com.boxoffice.shared.domain.analytics.TableChange::sequenceNumber)
        .containsExactly("100");
    assertThat(batch.changes().get(0).after()).isPresent();
    assertThat(batch.unreadableAt()).as("not counted as admitted or not admitted: failed").contains("200");
  }
}

package com.boxoffice.shared.adapter.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one stream batch as Lambda delivered them, read in order up to the first that
 * cannot be read (a value of no known kind, see {@link LambdaStreamRecords#value}; a missing
 * event name or id). That record is not skipped and does not fail the whole invocation: its
 * sequence number is kept as {@link #unreadableAt}, and the handler reports it as the batch's item
 * failure once the records before it are applied ({@link #firstFailure}), so Lambda retries from
 * it and, when its retries run out, sends its position to the on-failure destination, whose alarm
 * calls for a look. A record without a sequence number cannot be named, so its error escapes and
 * the invocation fails (the mapping then bisects the batch).
 *
 * @param changes the records read, in the batch's order, up to the unreadable one
 * @param received how many records the batch held
 * @param unreadableAt the sequence number of the first record that could not be read, if any
 */
public record StreamBatch<T>(List<T> changes, int received, Optional<String> unreadableAt) {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

  public StreamBatch {
    changes = List.copyOf(changes);
    Objects.requireNonNull(unreadableAt, "unreadableAt");
  }

  /** Reads each record of the event with {@code read}, stopping at the first it throws on. */
  public static <T> StreamBatch<T> read(DynamodbEvent event, Function<DynamodbEvent.DynamodbStreamRecord, T> read) {
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    List<T> out = new ArrayList<>();
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      try {
        out.add(read.apply(record));
      } catch (RuntimeException e) {
        String seq = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        if (seq == null || seq.isEmpty()) {
          // An item failure with no id would make Lambda retry the whole batch, applied records too.
          throw e;
        }
        // The conversion's errors name the attribute, never its value (images hold buyers' data);
        // a parse error of a projection quotes only the timestamp or number it could not read.
        LOG.error("stream record unreadable sequenceNumber={} eventId={} error={}", seq, record.getEventID(),
            e.toString());
        return new StreamBatch<>(out, records.size(), Optional.of(seq));
      }
    }
    return new StreamBatch<>(out, records.size(), Optional.empty());
  }

  /**
   * What the handler reports as the batch's item failure: the first record not applied (always
   * one before the unreadable record, as only the records read are applied), else the unreadable one.
   */
  public Optional<String> firstFailure(Optional<String> firstNotApplied) {
    return firstNotApplied.or(() -> unreadableAt);
  }
}

package com.boxoffice.shared.adapter.dynamo;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the main table's stream (view type {@code NEW_AND_OLD_IMAGES}), whoever
 * delivered it: Lambda's event source mapping or a reader of the stream itself.
 *
 * @param sequenceNumber the record's position in its shard, what a partial batch failure names
 * @param oldImage the item before the change; empty for an insert
 * @param newImage the item after the change; empty for a removal
 */
public record TableChange(String sequenceNumber, Kind kind, Map<String, AttributeValue> oldImage,
    Map<String, AttributeValue> newImage) {

  /** The stream's event names. */
  public enum Kind { INSERT, MODIFY, REMOVE }

  public TableChange {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(kind, "kind");
    oldImage = oldImage == null ? Map.of() : oldImage;
    newImage = newImage == null ? Map.of() : newImage;
  }

  /** The partition key of the item, from whichever image there is. */
  public String pk() {
    AttributeValue v = (newImage.isEmpty() ? oldImage : newImage).get("pk");
    return v == null ? "" : v.s();
  }

  /** The sort key of the item, from whichever image there is. */
  public String sk() {
    AttributeValue v = (newImage.isEmpty() ? oldImage : newImage).get("sk");
    return v == null ? "" : v.s();
  }
}

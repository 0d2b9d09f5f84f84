package com.boxoffice.shared.adapter.dynamo;

import com.boxoffice.shared.domain.organizer.OrganizerEvent;
import com.boxoffice.shared.domain.push.EventChangePushes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Follows the event records on the table's stream and hands every change of an event's time or
 * venue to {@link EventChangePushes}, which queues the holders' pushes. The stream is what makes
 * it reliable: the organizer's write and the announcement cannot part (a record whose pushes could
 * not all be queued fails and is delivered again, queueing the same notification ids, which each
 * device gets once). Anything else on the stream, a status change included (the cancellation route
 * tells its buyers order by order), is ignored without being read.
 */
public final class EventChangePushProjection implements TableProjection {
  private static final Logger LOG = LoggerFactory.getLogger(EventChangePushProjection.class);
  /** The attributes a ticket holder acts on; a change elsewhere is not worth reading the event. */
  static final List<String> WATCHED = List.of("startsAt", "endsAt", "venue");

  private final EventChangePushes pushes;

  public EventChangePushProjection(EventChangePushes pushes) {
    this.pushes = pushes;
  }

  @Override
  public void apply(TableChange change) {
    if (change.kind() != TableChange.Kind.MODIFY || !change.pk().startsWith("EVENT#") || !"EVENT".equals(change.sk())
        || !watchedChanged(change.oldImage(), change.newImage())) {
      return;
    }
    OrganizerEvent before;
    OrganizerEvent after;
    try {
      before = DynamoOrganizerEvents.toEvent(change.oldImage());
      after = DynamoOrganizerEvents.toEvent(change.newImage());
    } catch (RuntimeException e) {
      // Retrying cannot make an unreadable record readable: it would only hold up the stream.
      LOG.error("event record on the stream could not be read; no change push pk={} sequenceNumber={}",
          change.pk(), change.sequenceNumber(), e);
      return;
    }
    pushes.changed(before, after);
  }

  static boolean watchedChanged(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    for (String name : WATCHED) {
      if (!Objects.equals(before.get(name), after.get(name))) {
        return true;
      }
    }
    return false;
  }
}

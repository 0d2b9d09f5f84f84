package com.boxoffice.shared.domain.organizer;

import com.boxoffice.shared.domain.catalog.EventStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an organizer's request was refused, as the domain sees it (no HTTP status, no wire text);
 * {@code shared.http.Refusals} maps each subtype. Another organization's record is
 * {@link NotFound}, exactly like one that does not exist.
 */
public abstract sealed class OrganizerRefusal extends RuntimeException
    permits OrganizerRefusal.NotFound, OrganizerRefusal.Invalid, OrganizerRefusal.TransitionRefused,
        OrganizerRefusal.NotEditable, OrganizerRefusal.CapacityBelowCommitted, OrganizerRefusal.DeviceRevoked,
        OrganizerRefusal.ConcurrentChange, OrganizerRefusal.KeyRotationConflict {

  OrganizerRefusal(String message) {
    super(message, null, false, false);
  }

  /** No such record for this organization. */
  public static final class NotFound extends OrganizerRefusal {
    public NotFound(String what) {
      super("not found: " + what);
    }
  }

  /** The request breaks a rule; {@code fields} names each offending field. */
  public static final class Invalid extends OrganizerRefusal {
    private final Map<String, String> fields;

    public Invalid(Map<String, String> fields) {
      super("invalid " + fields.keySet());
      this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Map<String, String> fields() {
      return fields;
    }
  }

  /** The status machine does not allow {@code transition} from {@code from}. */
  public static final class TransitionRefused extends OrganizerRefusal {
    private final EventStatus from;
    private final EventTransition transition;

    public TransitionRefused(String eventId, EventStatus from, EventTransition transition) {
      super("event " + eventId + " cannot " + transition + " from " + from);
      this.from = from;
      this.transition = transition;
    }

    public EventStatus from() {
      return from;
    }

    public EventTransition transition() {
      return transition;
    }
  }

  /** A closed or cancelled event, or a ticket type of one, is no longer changed. */
  public static final class NotEditable extends OrganizerRefusal {
    private final EventStatus status;

    public NotEditable(String eventId, EventStatus status) {
      super("event " + eventId + " is " + status);
      this.status = status;
    }

    public EventStatus status() {
      return status;
    }
  }

  /** The new capacity is below what is already sold or held. */
  public static final class CapacityBelowCommitted extends OrganizerRefusal {
    private final int committed;

    public CapacityBelowCommitted(int committed) {
      super("capacity below sold + held " + committed);
      this.committed = committed;
    }

    /** Sold + held when the change was refused. */
    public int committed() {
      return committed;
    }
  }

  /** The device was revoked; it takes no new assignment. */
  public static final class DeviceRevoked extends OrganizerRefusal {
    public DeviceRevoked(String deviceId) {
      super("device revoked " + deviceId);
    }
  }

  /** Someone else changed the record at the same moment; reading it again and retrying is safe. */
  public static final class ConcurrentChange extends OrganizerRefusal {
    public ConcurrentChange(String what) {
      super("changed concurrently: " + what);
    }
  }

  /**
   * The signing keys are no longer the ones this rotation was decided from: another rotation won
   * the race, or the caller's expected active key is not the active one. Nothing was changed;
   * {@code activeKeyId} is the key active now (null if it could not be read again).
   */
  public static final class KeyRotationConflict extends OrganizerRefusal {
    private final String activeKeyId;

    public KeyRotationConflict(String activeKeyId) {
      super("signing keys changed; active key now " + activeKeyId);
      this.activeKeyId = activeKeyId;
    }

    public String activeKeyId() {
      return activeKeyId;
    }
  }
}

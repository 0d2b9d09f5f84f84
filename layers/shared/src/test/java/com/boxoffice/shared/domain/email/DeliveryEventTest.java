package com.boxoffice.shared.domain.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.shared.domain.email.DeliveryEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reported addresses later mail must skip, and under which reason. */
class DeliveryEventTest {

  @Test
  void aPermanentBounceAndAComplaintSuppressEveryRecipientUnderTheirReason() {
    var bounce = new DeliveryEvent(Kind.PERMANENT_BOUNCE, List.of("a@example.com", "b@example.com"));
    var complaint = new DeliveryEvent(Kind.COMPLAINT, List.of("c@example.com"));

    assertThat(bounce.addressesToSuppress()).containsExactly("a@example.com", "b@example.com");
    assertThat(bounce.kind().suppressionReason()).contains("bounce");
    assertThat(complaint.addressesToSuppress()).containsExactly("c@example.com");
    assertThat(complaint.kind().suppressionReason()).contains("complaint");
  }

  @Test
  void aTransientBounceSuppressesNobody() {
    var mailboxFull = new DeliveryEvent(Kind.TRANSIENT_BOUNCE, List.of("a@example.com"));

    assertThat(mailboxFull.addressesToSuppress()).isEmpty();
    assertThat(mailboxFull.kind().suppressionReason()).isEmpty();
  }

  @Test
  void theRecipientsAreCopiedAndAKindIsRequired() {
    List<String> recipients = new ArrayList<>(List.of("a@example.com"));
    var event = new DeliveryEvent(Kind.COMPLAINT, recipients);
    recipients.add("b@example.com");

    assertThat(event.recipients()).containsExactly("a@example.com");
    assertThatThrownBy(() -> new DeliveryEvent(null, List.of())).isInstanceOf(NullPointerException.class);
  }
}

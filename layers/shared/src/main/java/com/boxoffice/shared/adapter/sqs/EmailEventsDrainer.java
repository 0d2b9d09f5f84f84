package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.domain.email.DeliveryEvent;
import com.boxoffice.shared.port.out.SuppressionList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads the bounce and complaint events EventBridge puts on the email events queue and adds the
 * addresses the domain says to suppress to the suppression list. The provider's event format is
 * read by the {@link EventReader} it is given (SES's in production), so this class knows the
 * queue and not the provider. A message that cannot be read is left alone, so redrive takes it to
 * the events dead-letter queue and its alarm.
 */
public final class EmailEventsDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(EmailEventsDrainer.class);

  /** Turns a message body into the event it reports; empty when it reports nothing of interest. */
  @FunctionalInterface
  public interface EventReader {
    /** @throws RuntimeException when the body cannot be read at all */
    Optional<DeliveryEvent> read(String body);
  }

  private final SqsClient sqs;
  private final String queueUrl;
  private final EventReader reader;
  private final SuppressionList suppressions;
  private final Clock clock;

  public EmailEventsDrainer(SqsClient sqs, String queueUrl, EventReader reader, SuppressionList suppressions,
      Clock clock) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.reader = reader;
    this.suppressions = suppressions;
    this.clock = clock;
  }

  /** Reads at most {@code maxBatches} batches without waiting; returns how many addresses were suppressed. */
  public int drain(int maxBatches) {
    int suppressed = 0;
    for (int batch = 0; batch < maxBatches; batch++) {
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(0)).messages();
      if (messages.isEmpty()) {
        break;
      }
      for (Message m : messages) {
        Optional<DeliveryEvent> event;
        try {
          event = reader.read(m.body());
        } catch (RuntimeException e) {
          LOG.error("email event is not readable; leaving it to the dead-letter queue messageId={}", m.messageId());
          continue;
        }
        try {
          List<String> addresses = event.map(DeliveryEvent::addressesToSuppress).orElse(List.of());
          for (String address : addresses) {
            suppressions.suppress(address, event.get().kind().suppressionReason().orElseThrow(), clock.instant());
            suppressed++;
          }
          if (!addresses.isEmpty()) {
            LOG.info("addresses suppressed kind={} count={}", event.get().kind(), addresses.size());
          }
          sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        } catch (RuntimeException e) {
          if (AwsFailures.isAccessDenied(e)) {
            // Not passing: the events dead-letter queue and its alarm take it after its receives.
            LOG.error("recording an email event refused by AWS permissions reason={} messageId={}",
                AwsFailures.ACCESS_DENIED, m.messageId(), e);
          } else {
          LOG.warn("recording an email event failed; it comes back messageId={}", m.messageId(), e);
        }
      }
    }
    }
    return suppressed;
  }
}

package com.boxoffice.shared.adapter.ses;

import com.boxoffice.shared.aws.AwsFailures;
import com.boxoffice.shared.port.out.Mailer;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends raw MIME messages with SES v2 {@code SendEmail} through the configuration set that
 * reports bounces and complaints, and sorts SES's failures into the three kinds: throttling
 * ({@code TooManyRequestsException}, {@code LimitExceededException}, HTTP 429), transient (5xx,
 * network, a paused or not yet verified sender) and permanent (the message was rejected, or the
 * function is not allowed to send: an {@code AccessDenied} comes back as code
 * {@link AwsFailures#ACCESS_DENIED}, since only a change to IAM mends it).
 * The client should make one attempt per call: retrying is the queue's job.
 */
public final class SesMailer implements Mailer {
  private static final Set<String> THROTTLING = Set.of("TooManyRequestsException", "LimitExceededException",
      "Throttling", "ThrottlingException");
  private static final Set<String> PERMANENT = Set.of("MessageRejected", "BadRequestException",
      "NotFoundException");

  private final SesV2Client ses;
  private final String configurationSet;

  public SesMailer(SesV2Client ses, String configurationSet) {
    this.ses = ses;
    this.configurationSet = configurationSet;
  }

  @Override
  public String send(String from, String to, byte[] mime, String template) throws MailerException {
    try {
      return ses.sendEmail(b -> {
        b.fromEmailAddress(from)
            .destination(d -> d.toAddresses(to))
            .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(mime))))
            .emailTags(List.of(MessageTag.builder().name("template").value(template).build()));
        if (configurationSet != null && !configurationSet.isBlank()) {
          b.configurationSetName(configurationSet);
        }
      }).messageId();
    } catch (SesV2Exception e) {
      if (AwsFailures.isAccessDenied(e)) {
        throw new MailerException(FailureKind.PERMANENT, AwsFailures.ACCESS_DENIED, "SES refused the sender's permission", e);
      }
      String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
          ? "http_" + e.statusCode() : e.awsErrorDetails().errorCode();
      if (THROTTLING.contains(code) || e.statusCode() == 429) {
        throw new MailerException(FailureKind.THROTTLED, code, "SES is throttling sends", e);
      }
      if (PERMANENT.contains(code) || (e.statusCode() >= 400 && e.statusCode() < 500 && !transient4xx(code))) {
        throw new MailerException(FailureKind.PERMANENT, code, "SES refused the message", e);
      }
      throw new MailerException(FailureKind.TRANSIENT, code, "SES failed to send", e);
    } catch (SdkServiceException e) {
      if (AwsFailures.isAccessDenied(e)) {
        throw new MailerException(FailureKind.PERMANENT, AwsFailures.ACCESS_DENIED, "SES refused the sender's permission", e);
      }
      throw new MailerException(e.isThrottlingException() ? FailureKind.THROTTLED : FailureKind.TRANSIENT,
          "http_" + e.statusCode(), "SES failed to send", e);
    } catch (SdkClientException e) {
      throw new MailerException(FailureKind.TRANSIENT, "network", "SES could not be reached", e);
    }
  }

  // Account-level conditions that an operator fixes; the mail itself is fine and waits for it.
  private static boolean transient4xx(String code) {
    return Set.of("AccountSuspendedException", "SendingPausedException", "MailFromDomainNotVerifiedException")
        .contains(code);
  }
}

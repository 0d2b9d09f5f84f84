package com.boxoffice.shared.adapter.sqs;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.out.EmailOutbox;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The email queue on SQS: the job as JSON in the body, its job id and template name as message
 * attributes so an operator can tell dead-lettered mail apart without opening it. The recipient
 * never rides in an attribute. Sending the same job twice puts two messages on the queue; the
 * processor's sent record makes sure only one of them is mailed.
 */
public final class EmailSqsOutbox implements EmailOutbox {
  public static final String JOB_ID_ATTRIBUTE = "jobId";
  public static final String TEMPLATE_ATTRIBUTE = "template";

  private final SqsClient sqs;
  private final String queueUrl;

  public EmailSqsOutbox(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(EmailJob job) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(job)).messageAttributes(Map.of(
        JOB_ID_ATTRIBUTE, SqsMessages.text(job.jobId()),
        TEMPLATE_ATTRIBUTE, SqsMessages.text(job.template()))));
  }
}

package com.boxoffice.shared.testing;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.json.Json;
import com.boxoffice.shared.port.EmailOutbox;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A test-only {@link EmailOutbox}: puts the job as JSON on an SQS queue with its job id as a
 * message attribute, the way the production outbox does, so tests can count distinct jobs.
 */
public final class SqsTestEmailOutbox implements EmailOutbox {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsTestEmailOutbox(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(EmailJob job) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Json.write(job)).messageAttributes(Map.of(
        "jobId", MessageAttributeValue.builder().dataType("String").stringValue(job.jobId()).build())));
  }
}

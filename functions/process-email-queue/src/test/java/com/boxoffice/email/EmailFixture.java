package com.boxoffice.email;

import com.boxoffice.shared.adapter.sqs.EmailSqsOutbox;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.testing.TestEnvironments;
import com.boxoffice.shared.testing.TestLambdaContext;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalResources;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the email tests share: the function's environment on the local servers, jobs, queue counts. */
final class EmailFixture {
  static final String SENDER = "tickets@boxoffice.example";

  final LocalAws aws;
  final LocalResources res;
  final Map<String, String> env = new HashMap<>();

  EmailFixture(LocalAws aws, LocalResources res, String sesEndpoint) {
    TestEnvironments.useLocalCredentials();
    this.aws = aws;
    this.res = res;
    env.putAll(TestEnvironments.onLocalAws(aws, res));
    env.put("AWS_ENDPOINT_URL_SESV2", sesEndpoint);
    env.put("EMAIL_QUEUE_URL", res.queueUrl("EmailQueue"));
    env.put("EMAIL_DLQ_URL", res.queueUrl("EmailDeadLetterQueue"));
    env.put("EMAIL_EVENTS_QUEUE_URL", res.queueUrl("EmailEventsQueue"));
    env.put("SENDER_ADDRESS", SENDER);
    env.put("SES_CONFIGURATION_SET", "boxoffice-test");
    env.put("SES_MAX_SEND_RATE", "50");
    env.put("EMAIL_PER_RECIPIENT_PER_MINUTE", "10");
    // Real backoff steps are 1 s to 30 min; a test cannot sit those out, the steps' use is the same.
    env.put("EMAIL_BACKOFF_SECONDS", "1,1,1,1,1");
    env.put("EMAIL_STOP_BEFORE_MS", "1000");
    env.put("EMAIL_POLL_WAIT_SECONDS", "1");
    env.put("EMAIL_MAX_EMPTY_POLLS", "2");
  }

  EmailFixture with(String name, String value) {
    env.put(name, value);
    return this;
  }

  private Clock clock;
  private java.util.function.UnaryOperator<com.boxoffice.shared.port.out.SendPacer> pacer =
      java.util.function.UnaryOperator.identity();

  /** Runs the handler on {@code clock} instead of the system clock. */
  EmailFixture on(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Runs the handler with its send pacer seen through {@code pacer}. */
  EmailFixture watchingPacer(java.util.function.UnaryOperator<com.boxoffice.shared.port.out.SendPacer> pacer) {
    this.pacer = pacer;
    return this;
  }

  private java.util.function.UnaryOperator<com.boxoffice.shared.port.out.Mailer> mailer =
      java.util.function.UnaryOperator.identity();

  /** Runs the handler with its SES mailer seen through {@code mailer}. */
  EmailFixture watchingMailer(java.util.function.UnaryOperator<com.boxoffice.shared.port.out.Mailer> mailer) {
    this.mailer = mailer;
    return this;
  }

  ProcessEmailQueueHandler handler() {
    if (clock == null && pacer == java.util.function.UnaryOperator.<com.boxoffice.shared.port.out.SendPacer>identity()
        && mailer == java.util.function.UnaryOperator.<com.boxoffice.shared.port.out.Mailer>identity()) {
      return new ProcessEmailQueueHandler(new Env(env));
    }
    return new ProcessEmailQueueHandler(ProcessEmailQueueHandler.fromEnvironment(new Env(env),
        clock == null ? Clock.systemUTC() : clock, pacer, mailer));
  }

  /** The handler as the environment builds it, but writing its metric lines into {@code metrics}. */
  ProcessEmailQueueHandler handler(EmfMetrics metrics) {
    var t = ProcessEmailQueueHandler.fromEnvironment(new Env(env));
    return new ProcessEmailQueueHandler(new ProcessEmailQueueHandler.Tasks(t.events(), t.drainer(), metrics,
        t.stopBefore(), t.maxWaitSeconds(), t.maxEmptyPolls()));
  }

  Map<String, Object> run(long budgetMillis) {
    return handler().handleRequest(Map.of(), TestLambdaContext.runningDownFrom(budgetMillis));
  }

  void enqueue(EmailJob job) {
    new EmailSqsOutbox(aws.sqs(), res.queueUrl("EmailQueue")).enqueue(job);
  }

  /** A purchase confirmation with {@code tickets} tickets whose codes are {@code codes}. */
  static EmailJob confirmation(String orderId, String recipient, List<String> codes) {
    List<Map<String, Object>> tickets = new java.util.ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("ticketId", orderId + "-" + (i + 1));
      t.put("ticketTypeName", "General admission");
      t.put("holderName", "");
      t.put("code", codes.get(i));
      t.put("fallbackCode", "FB" + (i + 1) + "-" + orderId.hashCode());
      tickets.add(t);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("orderId", orderId);
    v.put("eventName", "Boxoffice Live");
    v.put("buyerName", "Ada Lovelace");
    v.put("amountTotal", 4500L * codes.size());
    v.put("currency", "eur");
    v.put("tickets", tickets);
    return new EmailJob("order-confirmation:" + orderId, "order-confirmation", recipient, v);
  }

  int count(String logicalQueue, QueueAttributeName attribute) {
    return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(res.queueUrl(logicalQueue))
        .attributeNames(attribute)).attributes().get(attribute));
  }

  int visible(String logicalQueue) {
    return count(logicalQueue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
  }

  int inFlightOrDelayed(String logicalQueue) {
    return count(logicalQueue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
        + count(logicalQueue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
  }

  /** Waits until {@code count} messages are visible on the queue again, at most {@code timeout}. */
  void awaitVisible(String logicalQueue, int count, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (visible(logicalQueue) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " message(s) not visible on " + logicalQueue + " within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  List<Message> receive(String logicalQueue, int waitSeconds) {
    return aws.sqs().receiveMessage(b -> b.queueUrl(res.queueUrl(logicalQueue)).maxNumberOfMessages(10)
        .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
  }
}

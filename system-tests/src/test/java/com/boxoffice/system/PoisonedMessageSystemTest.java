package com.boxoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.TemplateResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message on the webhook retry queue that is no Stripe event at all: the retry function receives
 * it as often as the queue's redrive policy allows, never deletes it, and the queue moves it to
 * its dead-letter queue, whose alarm an operator would see.
 */
@ExtendWith(SystemStack.Extension.class)
class PoisonedMessageSystemTest {

  @Test
  void aNonStripeBodyEndsInTheDeadLetterQueue(SystemStack stack) {
    int maxReceives = TemplateResources.load().queues().get("WebhookRetryQueue").maxReceiveCount();
    String retryQueue = stack.resources().queueUrl("WebhookRetryQueue");
    String deadLetters = stack.resources().queueUrl("WebhookRetryDeadLetterQueue");
    String poison = "{\"not\":\"a stripe event\",\"marker\":\"" + java.util.UUID.randomUUID() + "\"}";
    stack.aws().sqs().sendMessage(b -> b.queueUrl(retryQueue).messageBody(poison));

    var result = LambdaEvents.json(stack.function("ProcessWebhookRetriesFunction")
        .invoke(LambdaEvents.sample("process-webhook-retries/retries.json").toString()));

    assertThat(result.path("received").asInt()).as(result.toString()).isEqualTo(maxReceives);
    assertThat(result.path("failed").asInt()).as(result.toString()).isEqualTo(maxReceives);
    assertThat(result.path("processed").asInt()).as(result.toString()).isZero();
    var counts = stack.aws().sqs().getQueueAttributes(b -> b.queueUrl(retryQueue).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    assertThat(counts.values()).allMatch("0"::equals);
    var dead = stack.aws().sqs().receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1))
        .messages();
    assertThat(dead).extracting(Message::body).containsExactly(poison);
  }
}

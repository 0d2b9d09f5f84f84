package com.boxoffice.retries;

import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves messages from a dead-letter queue back to the queue they came from, once the cause of
 * their failure is fixed. By default it asks SQS to do it ({@code StartMessageMoveTask}, which
 * ElasticMQ implements too) and waits for the task to finish; {@code --copy} moves them itself
 * with receive, send and delete, for a queue service without move tasks. A message moved twice
 * after a crash is harmless: every consumer dedupes on its own ids.
 *
 * <pre>
 * java ... com.boxoffice.retries.DeadLetterRedrive --dlq &lt;dlq name or url&gt; --source &lt;queue name or url&gt; [--copy] [--max N]
 * </pre>
 * The SQS endpoint comes from {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL} when set.
 */
public final class DeadLetterRedrive {
  private final SqsClient sqs;

  public DeadLetterRedrive(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** Starts an SQS move task from {@code dlqUrl} to {@code sourceUrl} and waits until it ends; returns messages moved. */
  public long moveWithTask(String dlqUrl, String sourceUrl, Duration timeout) throws InterruptedException {
    String dlqArn = arn(dlqUrl);
    String sourceArn = arn(sourceUrl);
    String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).destinationArn(sourceArn)).taskHandle();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(10)).results();
      for (ListMessageMoveTasksResultEntry task : tasks) {
        if (handle.equals(task.taskHandle()) || (task.taskHandle() == null && "COMPLETED".equals(task.status()))) {
          switch (task.status()) {
            case "COMPLETED" -> {
              return task.approximateNumberOfMessagesMoved() == null ? 0 : task.approximateNumberOfMessagesMoved();
            }
            case "FAILED", "CANCELLED" -> throw new IllegalStateException("move task " + task.status()
                + (task.failureReason() == null ? "" : ": " + task.failureReason()));
            default -> { }
          }
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("move task still running after " + timeout + "; check ListMessageMoveTasks");
  }

  /** Moves up to {@code max} messages by receiving, re-sending (body and attributes) and deleting each. */
  public int moveByCopy(String dlqUrl, String sourceUrl, int max) {
    int moved = 0;
    while (moved < max) {
      int batch = Math.min(10, max - moved);
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(batch)
          .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")).messages();
      if (messages.isEmpty()) {
        break;
      }
      for (Message m : messages) {
        sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody(m.body()).messageAttributes(m.messageAttributes()));
        sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
        moved++;
      }
    }
    return moved;
  }

  /** A queue URL as given, or the URL of the queue with that name. */
  String resolve(String nameOrUrl) {
    return nameOrUrl.startsWith("http://") || nameOrUrl.startsWith("https://") ? nameOrUrl
        : sqs.getQueueUrl(b -> b.queueName(nameOrUrl)).queueUrl();
  }

  private String arn(String queueUrl) {
    return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  public static void main(String[] args) throws InterruptedException {
    String dlq = null;
    String source = null;
    boolean copy = false;
    int max = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dlq" -> dlq = args[++i];
        case "--source" -> source = args[++i];
        case "--copy" -> copy = true;
        case "--max" -> max = Integer.parseInt(args[++i]);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (dlq == null || source == null) {
      usage("--dlq and --source are required");
    }
    try (SqsClient sqs = new AwsClients(Env.system()).sqs()) {
      var redrive = new DeadLetterRedrive(sqs);
      dlq = redrive.resolve(dlq);
      source = redrive.resolve(source);
      long moved = copy ? redrive.moveByCopy(dlq, source, max) : redrive.moveWithTask(dlq, source, Duration.ofMinutes(10));
      System.out.println("moved " + moved + " message(s) from " + dlq + " to " + source);
    }
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: DeadLetterRedrive --dlq <dead-letter queue name or url> --source <source queue name or url> [--copy] [--max N]");
    System.exit(2);
  }
}

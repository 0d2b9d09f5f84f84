package com.boxoffice.testkit.iam;

import java.util.Map;
import java.util.Set;

/**
 * Which IAM actions authorise an SDK operation. Mostly the operation's own name under the
 * service's prefix; the exceptions are the reason this table exists:
 *
 * <ul>
 *   <li>SES v2 {@code SendEmail} with raw MIME content is authorised as {@code ses:SendRawEmail}
 *       (as well as {@code ses:SendEmail}); with simple content as {@code ses:SendEmail}, with a
 *       template as {@code ses:SendTemplatedEmail};
 *   <li>DynamoDB {@code TransactWriteItems} needs the per-item action of each item
 *       ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code ConditionCheckItem}) on that
 *       item's table, {@code TransactGetItems} needs {@code GetItem};
 *   <li>the batch forms of SQS calls are authorised as their single forms.
 * </ul>
 */
public final class IamActions {
  private IamActions() {}

  private static final Map<String, String> TRANSACT_ITEMS = Map.of(
      "Put", "dynamodb:PutItem",
      "Update", "dynamodb:UpdateItem",
      "Delete", "dynamodb:DeleteItem",
      "ConditionCheck", "dynamodb:ConditionCheckItem",
      "Get", "dynamodb:GetItem");

  private static final Map<String, String> SQS_BATCHES = Map.of(
      "SendMessageBatch", "sqs:SendMessage",
      "DeleteMessageBatch", "sqs:DeleteMessage",
      "ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility");

  /** The actions one recorded call needs; every one of them must be allowed. */
  public static Set<String> actionsFor(AwsCall call) {
    return switch (call.service()) {
      case "dynamodb" -> switch (call.operation()) {
        case "TransactWriteItems", "TransactGetItems" -> Set.of(require(TRANSACT_ITEMS.get(call.variant()), call));
        default -> Set.of("dynamodb:" + call.operation());
      };
      case "sqs" -> Set.of(SQS_BATCHES.getOrDefault(call.operation(), "sqs:" + call.operation()));
      case "ses" -> switch (call.operation()) {
        case "SendEmail" -> switch (require(call.variant(), call)) {
          case "Raw" -> Set.of("ses:SendEmail", "ses:SendRawEmail");
          case "Template" -> Set.of("ses:SendTemplatedEmail");
          default -> Set.of("ses:SendEmail");
        };
        default -> Set.of("ses:" + call.operation());
      };
      default -> Set.of(call.service() + ":" + call.operation());
    };
  }

  private static String require(String value, AwsCall call) {
    if (value == null) {
      throw new IllegalStateException("no IAM mapping for " + call);
    }
    return value;
  }
}

package com.boxoffice.shared.adapter.sqs;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Small readings and makings of SQS messages the queue adapters share. */
final class SqsMessages {
  private SqsMessages() {}

  /** Which receive of the message this is, from 1 ({@code ApproximateReceiveCount}). */
  static int receiveCount(Message message) {
    String raw = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    try {
      return raw == null ? 1 : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}

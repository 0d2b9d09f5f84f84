package com.boxoffice.shared.port.leakfixture;

import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** Deliberately wrong: a port speaking in the SQS SDK's types. Only the rule tests import it. */
public interface QueueWithSdkMessages {
  List<Message> receive();
}

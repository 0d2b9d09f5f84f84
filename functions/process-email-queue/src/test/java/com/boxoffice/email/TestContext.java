package com.boxoffice.email;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/** A Lambda context whose remaining time runs down from {@code budgetMillis} in real time. */
final class TestContext implements Context {
  private final long deadline;
  private final String requestId = UUID.randomUUID().toString();

  TestContext(long budgetMillis) {
    this.deadline = System.currentTimeMillis() + budgetMillis;
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/boxoffice-process-email-queue-test"; }
  @Override public String getLogStreamName() { return "test"; }
  @Override public String getFunctionName() { return "boxoffice-process-email-queue-test"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:test"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() { return null; }
}

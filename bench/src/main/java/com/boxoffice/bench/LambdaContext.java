package com.boxoffice.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/** What the Lambda runtime passes as the handler's context, for code that needs one (Powertools does). */
final class LambdaContext implements Context {
  private final String function;
  private final String requestId = UUID.randomUUID().toString();

  /** Ends this long after it is made; 0 for the fixed 15 s the request handlers are given. */
  private final long deadlineNanos;

  LambdaContext(String function) {
    this(function, 0);
  }

  LambdaContext(String function, long budgetMillis) {
    this.function = function;
    this.deadlineNanos = budgetMillis == 0 ? 0 : System.nanoTime() + budgetMillis * 1_000_000;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function;
  }

  @Override
  public String getLogStreamName() {
    return "bench";
  }

  @Override
  public String getFunctionName() {
    return function;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return deadlineNanos == 0 ? 15_000 : (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}

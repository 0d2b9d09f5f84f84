package com.boxoffice.shared.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The Lambda {@link Context} the function tests hand their handlers: a fresh request id and the
 * time left as the test says, fixed, running down in real time, or computed at each call.
 */
public final class TestLambdaContext implements Context {
  private final String requestId = UUID.randomUUID().toString();
  private final LongSupplier remainingMillis;

  private TestLambdaContext(LongSupplier remainingMillis) {
    this.remainingMillis = remainingMillis;
  }

  /** Always {@code millis} left. */
  public static TestLambdaContext withRemaining(long millis) {
    return new TestLambdaContext(() -> millis);
  }

  /** {@code budgetMillis} left now, running down with the wall clock as a real invocation's does. */
  public static TestLambdaContext runningDownFrom(long budgetMillis) {
    long deadline = System.currentTimeMillis() + budgetMillis;
    return new TestLambdaContext(() -> Math.max(0, deadline - System.currentTimeMillis()));
  }

  /** Whatever {@code remaining} says at each call. */
  public static TestLambdaContext of(LongSupplier remaining) {
    return new TestLambdaContext(remaining);
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/boxoffice-test"; }
  @Override public String getLogStreamName() { return "test"; }
  @Override public String getFunctionName() { return "boxoffice-test"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:test"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return (int) remainingMillis.getAsLong(); }
  @Override public int getMemoryLimitInMB() { return 1024; }
  @Override public LambdaLogger getLogger() { return null; }
}

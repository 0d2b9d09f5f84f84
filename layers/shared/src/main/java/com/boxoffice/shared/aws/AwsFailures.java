package com.boxoffice.shared.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Sorts AWS failures where retrying cannot help. An authorization failure (the function's role
 * lacks a permission, a key policy refuses it) is never transient: the same call is refused until
 * an operator changes IAM, so retrying only delays the alarm. Callers that classify failures treat
 * it as permanent, log it with the stable reason {@link #ACCESS_DENIED} and count it in the
 * {@code AwsAccessDenied} metric, which has an alarm.
 */
public final class AwsFailures {
  /** The stable reason logged, counted and written on dead-lettered messages. */
  public static final String ACCESS_DENIED = "access_denied";
  /** The EMF metric an alarm in template.yaml watches. */
  public static final String ACCESS_DENIED_METRIC = "AwsAccessDenied";

  private static final Set<String> AUTHORIZATION_CODES = Set.of("AccessDenied", "AccessDeniedException",
      "UnauthorizedOperation", "UnauthorizedException", "NotAuthorized", "AuthorizationError",
      "AuthorizationErrorException", "KMS.AccessDeniedException", "KMSAccessDeniedException",
      "KMS.DisabledException", "KmsAccessDeniedException");

  // 403s that are about the request's credentials in flight, which the SDK and Lambda renew.
  private static final Set<String> PASSING_403 = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
      "InvalidSignatureException", "SignatureDoesNotMatch");

  private AwsFailures() {}

  /** True when {@code failure}, or anything that caused it, is an AWS authorization refusal. */
  public static boolean isAccessDenied(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AwsServiceException aws) {
        String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        if ((code != null && AUTHORIZATION_CODES.contains(code))
            || (aws.statusCode() == 403 && (code == null || !PASSING_403.contains(code)))) {
          return true;
        }
      }
    }
    return false;
  }
}

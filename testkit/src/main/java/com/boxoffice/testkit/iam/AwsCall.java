package com.boxoffice.testkit.iam;

/**
 * One AWS operation a function's code performed, as the SDK saw it: the service (its IAM prefix),
 * the operation, a variant where the IAM action depends on the request (the item kind inside a
 * {@code TransactWriteItems}, the content kind of an SES {@code SendEmail}), the resource as the
 * request names it (table, {@code table/index/name}, queue name, secret id, SES identity or
 * configuration set) and, for DynamoDB, the key family of the partition key value (the text up to
 * and including its first {@code #}), which {@code dynamodb:LeadingKeys} conditions are about.
 */
public record AwsCall(String service, String operation, String variant, String resource, String keyFamily) {

  @Override
  public String toString() {
    return service + ":" + operation + (variant == null ? "" : "[" + variant + "]") + " on " + resource
        + (keyFamily == null ? "" : " key " + keyFamily + "*");
  }
}

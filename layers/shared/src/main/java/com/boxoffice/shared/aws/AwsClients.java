package com.boxoffice.shared.aws;

import com.boxoffice.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients a function needs, once per container: the light URLConnection HTTP
 * client, the region from {@code AWS_REGION}, bounded timeouts, and an endpoint override from
 * {@code AWS_ENDPOINT_URL_<SERVICE>} / {@code AWS_ENDPOINT_URL} for the local stack.
 */
public final class AwsClients {
  private final Env env;
  private final SdkHttpClient http;
  private final Region region;

  public AwsClients(Env env) {
    this.env = env;
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(25))
        .build();
    this.region = Region.of(env.optional("AWS_REGION").orElse("us-east-1"));
  }

  private ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(Duration.ofSeconds(5))
        .apiCallTimeout(Duration.ofSeconds(12))
        .build();
  }

  private Optional<URI> endpoint(String service) {
    return env.optionalUrl("AWS_ENDPOINT_URL_" + service).or(() -> env.optionalUrl("AWS_ENDPOINT_URL"));
  }

  public DynamoDbClient dynamo() {
    var b = DynamoDbClient.builder().httpClient(http).region(region).overrideConfiguration(overrides());
    endpoint("DYNAMODB").ifPresent(b::endpointOverride);
    return b.build();
  }

  public SqsClient sqs() {
    var b = SqsClient.builder().httpClient(http).region(region).overrideConfiguration(overrides());
    endpoint("SQS").ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * SES with one attempt per call and no SDK retries: the email queue retries with its own
   * backoff, and the send pacer must see every attempt it paid a slot for.
   */
  public SesV2Client ses() {
    var b = SesV2Client.builder().httpClient(http).region(region).overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallTimeout(Duration.ofSeconds(10))
        .build());
    endpoint("SESV2").ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A Secrets Manager client, for a function that writes a secret (the organizer's key rotation). */
  public SecretsManagerClient secretsManager() {
    var b = SecretsManagerClient.builder().httpClient(http).region(region).overrideConfiguration(overrides());
    endpoint("SECRETS_MANAGER").ifPresent(b::endpointOverride);
    return b.build();
  }

  /** Reads one secret's string value; used only at init when a secret is configured by ARN. */
  public String secretValue(String arn) {
    var b = SecretsManagerClient.builder().httpClient(http).region(region).overrideConfiguration(overrides());
    endpoint("SECRETS_MANAGER").ifPresent(b::endpointOverride);
    try (SecretsManagerClient client = b.build()) {
      return client.getSecretValue(r -> r.secretId(arn)).secretString();
    }
  }
}

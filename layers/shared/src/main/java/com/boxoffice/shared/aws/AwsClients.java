package com.boxoffice.shared.aws;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.lambda.Priming;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients a function needs, once per container: the light URLConnection HTTP
 * client, the region from {@code AWS_REGION}, bounded timeouts, and an endpoint override from
 * {@code AWS_ENDPOINT_URL_<SERVICE>} / {@code AWS_ENDPOINT_URL} for the local stack.
 *
 * <p>Under SnapStart (see {@link Priming}): before the snapshot each DynamoDB client built here
 * reads one key no item has ({@link #PRIMING_KEY}) from {@code TABLE_NAME}, which loads the
 * client's request pipeline, endpoint rules, signer and marshallers into the snapshot. After a
 * restore the credentials are resolved afresh, so no container uses the credentials another
 * container was restored with; the URLConnection client keeps no pool of its own, and a socket
 * the JDK kept alive from priming has been idle past its keep-alive time by then and is not reused.
 */
public final class AwsClients {
  /** The key priming reads; no item has it, and reading it changes nothing. */
  public static final Map<String, AttributeValue> PRIMING_KEY =
      Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"));

  private final Env env;
  private final SdkHttpClient http;
  private final Region region;
  private final RenewableCredentials credentials = new RenewableCredentials();
  private final List<DynamoDbClient> dynamoClients = new CopyOnWriteArrayList<>();
  private final Priming priming;

  public AwsClients(Env env) {
    this.env = env;
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(25))
        .build();
    this.region = Region.of(env.optional("AWS_REGION").orElse("us-east-1"));
    this.priming = Priming.register("aws-clients", this::prime, credentials::renew);
  }

  /** The SnapStart hooks of these clients; tests call them directly. */
  public Priming priming() {
    return priming;
  }

  private void prime() {
    Optional<String> table = env.optional("TABLE_NAME");
    if (table.isEmpty()) {
      return;
    }
    for (DynamoDbClient dynamo : dynamoClients) {
      dynamo.getItem(b -> b.tableName(table.get()).key(PRIMING_KEY));
    }
  }

  /** Credentials resolved by the SDK's default chain, resolved afresh after a SnapStart restore. */
  static final class RenewableCredentials implements AwsCredentialsProvider {
    private volatile DefaultCredentialsProvider current = DefaultCredentialsProvider.builder().build();

    @Override
    public AwsCredentials resolveCredentials() {
      return current.resolveCredentials();
    }

    void renew() {
      DefaultCredentialsProvider old = current;
      current = DefaultCredentialsProvider.builder().build();
      old.close();
    }

    DefaultCredentialsProvider current() {
      return current;
    }
  }

  RenewableCredentials credentials() {
    return credentials;
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
    var b = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .overrideConfiguration(overrides());
    endpoint("DYNAMODB").ifPresent(b::endpointOverride);
    DynamoDbClient client = b.build();
    dynamoClients.add(client);
    return client;
  }

  public SqsClient sqs() {
    var b = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .overrideConfiguration(overrides());
    endpoint("SQS").ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * SES with one attempt per call and no SDK retries: the email queue retries with its own
   * backoff, and the send pacer must see every attempt it paid a slot for.
   */
  public SesV2Client ses() {
    var b = SesV2Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallTimeout(Duration.ofSeconds(10))
        .build());
    endpoint("SESV2").ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * SNS with one attempt per call and no SDK retries: the push queue retries with its own backoff
   * and records every attempt.
   */
  public SnsClient sns() {
    var b = SnsClient.builder().httpClient(http).region(region).overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallAttemptTimeout(Duration.ofSeconds(5))
        .apiCallTimeout(Duration.ofSeconds(10))
        .build());
    endpoint("SNS").ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A Secrets Manager client, for a function that writes a secret (the organizer's key rotation). */
  public SecretsManagerClient secretsManager() {
    var b = SecretsManagerClient.builder().httpClient(http).region(region).overrideConfiguration(overrides());
    endpoint("SECRETS_MANAGER").ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * Reads one secret's string value; used only at init when a secret is configured by ARN. It asks
   * for {@code AWSCURRENT} by name, which is what Secrets Manager answers anyway; moto (the local
   * runner's Secrets Manager) otherwise keeps answering the version last put as current, even after
   * a key rotation has moved the label.
   */
  public String secretValue(String arn) {
    var b = SecretsManagerClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .overrideConfiguration(overrides());
    endpoint("SECRETS_MANAGER").ifPresent(b::endpointOverride);
    try (SecretsManagerClient client = b.build()) {
      return client.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT")).secretString();
    }
  }
}

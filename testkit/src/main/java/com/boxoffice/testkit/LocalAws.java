package com.boxoffice.testkit;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ running together, with SDK clients pointed at them and a
 * provisioner that creates the template's tables and queues for any stage name.
 */
public final class LocalAws implements AutoCloseable {
  public static final Region REGION = Region.US_EAST_1;
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private final LocalDynamo dynamoServer;
  private final LocalSqs sqsServer;
  private final DynamoDbClient dynamo;
  private final SqsClient sqs;
  private final ResourceProvisioner provisioner;

  private LocalAws(LocalDynamo dynamoServer, LocalSqs sqsServer) {
    this.dynamoServer = dynamoServer;
    this.sqsServer = sqsServer;
    this.dynamo = DynamoDbClient.builder().endpointOverride(dynamoServer.endpoint()).region(REGION)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    this.sqs = SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(REGION)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    this.provisioner = new ResourceProvisioner(TemplateResources.load(), dynamo, sqs);
  }

  /** Starts both servers; a port of 0 means any free port. */
  public static LocalAws start(int dynamoPort, int sqsPort) {
    LocalDynamo dynamo = LocalDynamo.start(dynamoPort);
    try {
      return new LocalAws(dynamo, LocalSqs.start(sqsPort));
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  public SqsClient sqs() {
    return sqs;
  }

  /** A client of DynamoDB Local's table streams (the caller closes it). */
  public DynamoDbStreamsClient dynamoStreams() {
    return DynamoDbStreamsClient.builder().endpointOverride(dynamoServer.endpoint()).region(REGION)
        .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
  }

  public URI dynamoEndpoint() {
    return dynamoServer.endpoint();
  }

  public URI sqsEndpoint() {
    return sqsServer.endpoint();
  }

  public ResourceProvisioner provisioner() {
    return provisioner;
  }

  /** Creates every table and queue of the template under a stage name nobody else uses. */
  public LocalResources freshResources() {
    return provisioner.provision("t" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  public void close() {
    dynamo.close();
    sqs.close();
    try {
      sqsServer.close();
    } finally {
      dynamoServer.close();
    }
  }
}

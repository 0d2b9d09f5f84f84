package com.boxoffice.organizer;

import com.boxoffice.testkit.LocalSns;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Secrets Manager as moto's server serves it (the same process the tests start for SNS: moto
 * answers every service on one endpoint). Unlike a stand-in, moto keeps secret versions and their
 * staging labels and refuses to move {@code AWSCURRENT} from a version that no longer holds it,
 * which is what the key rotation's compare-and-set relies on.
 */
final class MotoSecrets implements AutoCloseable {
  final URI endpoint;
  final SecretsManagerClient client;

  MotoSecrets(LocalSns moto) {
    this.endpoint = moto.endpoint();
    this.client = SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
  }

  /**
   * Creates the secret, or makes {@code value} its current value if a test before created it (the
   * tests that drive the handler use the template's secret name, so the IAM check knows the resource),
   * and returns its ARN.
   */
  String create(String name, String value) {
    try {
      return client.createSecret(r -> r.name(name).secretString(value)).arn();
    } catch (ResourceExistsException exists) {
      return client.putSecretValue(r -> r.secretId(name).secretString(value)).arn();
    }
  }

  /** The value {@code AWSCURRENT} labels now. */
  String current(String arn) {
    return client.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT")).secretString();
  }

  /** How many versions of the secret carry any staging label (readable versions). */
  long labelledVersions(String arn) {
    return client.listSecretVersionIds(r -> r.secretId(arn)).versions().stream()
        .filter(v -> v.hasVersionStages() && !v.versionStages().isEmpty()).count();
  }

  @Override
  public void close() {
    client.close();
  }
}

package com.boxoffice.organizer;

import com.boxoffice.shared.adapter.dynamo.DynamoAuditLog;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorDevices;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.adapter.secrets.SecretsManagerSigningKeyStore;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.SigningKeysSetting;
import com.boxoffice.shared.domain.organizer.SigningKeyService;
import java.security.SecureRandom;
import java.util.Optional;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.organizer.DoorDeviceService;
import com.boxoffice.shared.domain.organizer.OrganizerService;
import java.time.Clock;
import java.time.Duration;

/**
 * The organizer function's composition root: reads the configuration, builds the DynamoDB client
 * and the adapters once per container and hands them to {@link OrganizerApi}.
 */
final class OrganizerWiring {
  static final String FUNCTION = "organizer";
  static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

  private OrganizerWiring() {}

  static OrganizerApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    String idempotencyTable = env.required("IDEMPOTENCY_TABLE_NAME");
    AwsClients aws = new AwsClients(env);
    var dynamo = aws.dynamo();
    Clock clock = Clock.systemUTC();
    var auditLog = new DynamoAuditLog(dynamo, table);
    Optional<SigningKeyService> keys = env.optional(SigningKeysSetting.NAME + "_SECRET_ARN")
        .map(arn -> new SigningKeyService(new SecretsManagerSigningKeyStore(aws.secretsManager(), arn,
            json -> SigningKeysSetting.parse(json, SigningKeysSetting.NAME)), auditLog, clock, new SecureRandom(),
            env.optional("SIGNING_KEY_OWNER_ORG")));
    return new OrganizerApi(new OrganizerService(new DynamoOrganizerEvents(dynamo, table), clock),
        new DoorDeviceService(new DynamoDoorDevices(dynamo, table), new DynamoEventOwners(dynamo, table), clock),
        auditLog, new DynamoIdempotencyStore(dynamo, idempotencyTable, IDEMPOTENCY_RETENTION), keys, clock);
  }
}

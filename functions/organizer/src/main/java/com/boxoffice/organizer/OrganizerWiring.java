package com.boxoffice.organizer;

import com.boxoffice.shared.adapter.dynamo.DynamoAuditLog;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorDevices;
import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoIdempotencyStore;
import com.boxoffice.shared.adapter.dynamo.DynamoOrganizerEvents;
import com.boxoffice.shared.aws.AwsClients;
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
    var dynamo = new AwsClients(env).dynamo();
    Clock clock = Clock.systemUTC();
    return new OrganizerApi(new OrganizerService(new DynamoOrganizerEvents(dynamo, table), clock),
        new DoorDeviceService(new DynamoDoorDevices(dynamo, table), new DynamoEventOwners(dynamo, table), clock),
        new DynamoAuditLog(dynamo, table), new DynamoIdempotencyStore(dynamo, idempotencyTable, IDEMPOTENCY_RETENTION),
        clock);
  }
}

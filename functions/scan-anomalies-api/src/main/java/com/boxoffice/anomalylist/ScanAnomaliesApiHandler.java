package com.boxoffice.anomalylist;

import com.boxoffice.shared.adapter.dynamo.DynamoEventOwners;
import com.boxoffice.shared.adapter.dynamo.DynamoScanAnomalyStore;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.http.HttpLambda;

/**
 * {@code GET /v1/org/events/{eventId}/anomalies} ({@link ScanAnomaliesApi}): the organizer's list
 * of what the scan anomaly detector found. Clients and configuration are built once, at init.
 */
public final class ScanAnomaliesApiHandler extends HttpLambda {
  static final String FUNCTION = "scan-anomalies-api";
  /** A GET carries no body worth reading. */
  static final int MAX_BODY_BYTES = 1024;

  /** What the Lambda runtime calls. */
  public ScanAnomaliesApiHandler() {
    this(Env.system());
  }

  /** What the local runner calls, with the environment it resolved from the template. */
  public ScanAnomaliesApiHandler(Env env) {
    super(FUNCTION, MAX_BODY_BYTES, () -> fromEnv(env).router());
  }

  /** What tests call, with every collaborator already built. */
  public ScanAnomaliesApiHandler(ScanAnomaliesApi api) {
    super(FUNCTION, MAX_BODY_BYTES, api::router);
  }

  static ScanAnomaliesApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    var dynamo = new AwsClients(env).dynamo();
    return new ScanAnomaliesApi(new DynamoScanAnomalyStore(dynamo, table), new DynamoEventOwners(dynamo, table));
  }
}

package com.boxoffice.analytics.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoAnalyticsStore;
import com.boxoffice.shared.adapter.dynamo.StreamChanges;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.Initialized;
import com.boxoffice.shared.domain.analytics.ChangeApplier;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.metrics.EmfAnalyticsMetrics;
import com.boxoffice.shared.metrics.EmfMetrics;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the business table's DynamoDB stream and keeps the analytics counters: each batch is
 * translated into table changes and applied in order, each exactly once. A change that cannot be
 * written, or a record holding a value that cannot be read ({@link StreamChanges}), is answered as
 * a partial batch failure naming its sequence number, so Lambda retries from
 * there (bisecting the batch) and, when the retries run out, sends the batch's description to the
 * on-failure destination.
 */
public final class ProcessAnalyticsStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessAnalyticsStreamHandler.class);
  public static final String FUNCTION = "process-analytics-stream";

  private final Initialized<ChangeApplier> applier;

  /** What Lambda calls: the client and the table are read once, here. */
  public ProcessAnalyticsStreamHandler() {
    this(Env.system());
  }

  /** The local runner and the tests pass the environment Lambda would have. */
  public ProcessAnalyticsStreamHandler(Env env) {
    this.applier = Initialized.attempt(() -> fromEnvironment(env), LOG);
  }

  public ProcessAnalyticsStreamHandler(ChangeApplier applier) {
    this.applier = Initialized.of(applier);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    LogContext.begin(FUNCTION, context != null && context.getAwsRequestId() != null
        ? context.getAwsRequestId() : UUID.randomUUID().toString());
    try {
      var batch = StreamChanges.of(event);
      return batch.firstFailure(applier.get().apply(batch.changes()))
          .map(seq -> new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(seq))))
          .orElseGet(() -> new StreamsEventResponse(List.of()));
    } finally {
      LogContext.clear();
    }
  }

  static ChangeApplier fromEnvironment(Env env) {
    Clock clock = Clock.systemUTC();
    var store = new DynamoAnalyticsStore(new AwsClients(env).dynamo(), env.required("TABLE_NAME"), clock);
    return new ChangeApplier(store, new EmfAnalyticsMetrics(new EmfMetrics(System.out, clock), FUNCTION), clock);
  }
}

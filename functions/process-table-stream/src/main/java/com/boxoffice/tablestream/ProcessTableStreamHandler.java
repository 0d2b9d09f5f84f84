package com.boxoffice.tablestream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoDoorStore;
import com.boxoffice.shared.adapter.dynamo.EventChangePushProjection;
import com.boxoffice.shared.adapter.dynamo.LambdaStreamRecords;
import com.boxoffice.shared.adapter.dynamo.ScanLogProjection;
import com.boxoffice.shared.adapter.dynamo.StreamBatch;
import com.boxoffice.shared.adapter.dynamo.TableChange;
import com.boxoffice.shared.adapter.dynamo.TableProjection;
import com.boxoffice.shared.adapter.dynamo.TableStream;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.push.EventChangePushes;
import com.boxoffice.shared.log.LogContext;
import com.boxoffice.shared.metrics.EmfMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by the event source mapping on the main table's stream: applies every projection
 * ({@link #projections}) to each record of the batch, in order. A record that fails is reported
 * as the batch's item failure (partial batch response), so Lambda retries from it and nothing
 * after it is lost; so is a record holding a value that cannot be read ({@link StreamBatch}). The
 * mapping bisects a failing batch and, after its retries, sends the record's position to the
 * dead-letter queue (template.yaml). Its projections are the door's scan log (docs/door.md) and
 * the pushes of an event's change of time or venue (docs/push.md); a new read model is one more
 * entry in {@link #projections}.
 */
public final class ProcessTableStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTableStreamHandler.class);
  public static final String FUNCTION = "process-table-stream";

  private final TableStream stream;
  private final EmfMetrics metrics;

  /** What Lambda calls: configuration and clients are read and built once, here. */
  public ProcessTableStreamHandler() {
    this(Env.system());
  }

  /** The local runner passes the environment Lambda would have. */
  public ProcessTableStreamHandler(Env env) {
    this(new TableStream(projections(new AwsClients(env), env.required("TABLE_NAME"),
        env.url("PUSH_QUEUE_URL").toString())),
        new EmfMetrics(System.out, Clock.systemUTC()));
  }

  public ProcessTableStreamHandler(TableStream stream, EmfMetrics metrics) {
    this.stream = stream;
    this.metrics = metrics;
  }

  /** Every read model kept from the table's stream, each idempotent. */
  static List<TableProjection> projections(AwsClients aws, String table, String pushQueueUrl) {
    List<TableProjection> all = new ArrayList<>();
    all.add(new ScanLogProjection(new DynamoDoorStore(aws.dynamo(), table)));
    all.add(new EventChangePushProjection(new EventChangePushes(new PushSqsOutbox(aws.sqs(), pushQueueUrl))));
    return all;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    LogContext.begin(FUNCTION, context != null ? context.getAwsRequestId() : localRequestId(event));
    try {
      StreamBatch<TableChange> batch = LambdaStreamRecords.changes(event);
      List<TableChange> changes = batch.changes();
      Optional<String> failed = batch.firstFailure(stream.apply(changes));
      Map<String, Number> counts = new LinkedHashMap<>();
      counts.put("StreamRecords", batch.received());
      counts.put("StreamRecordsFailed", failed.isPresent() ? 1 : 0);
      metrics.emit(FUNCTION, counts);
      LOG.info("stream batch done records={} failedAt={}", batch.received(), failed.orElse(null));
      List<StreamsEventResponse.BatchItemFailure> failures = failed
          .map(seq -> List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(seq).build()))
          .orElse(List.of());
      return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    } finally {
      LogContext.clear();
    }
  }

  /** Without a Lambda context (local runs): the batch's first sequence number names the run. */
  private static String localRequestId(DynamodbEvent event) {
    if (event == null || event.getRecords() == null || event.getRecords().isEmpty()
        || event.getRecords().get(0).getDynamodb() == null) {
      return "empty-batch";
    }
    return "batch-" + event.getRecords().get(0).getDynamodb().getSequenceNumber();
  }
}

package com.boxoffice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.boxoffice.shared.adapter.dynamo.DynamoStreamReader;
import com.boxoffice.shared.adapter.dynamo.LambdaStreamRecords;
import java.util.ArrayList;
import java.util.List;

/**
 * What Lambda's event source mapping does for a DynamoDB stream, on DynamoDB Local: reads every
 * shard from its start, hands the records to the function in batches, and when the function names
 * a failed record (a partial batch response) hands that record and the ones after it again on the
 * next poll. Bisection, the retry limit and the on-failure destination are not imitated. Reading
 * the stream is {@link DynamoStreamReader}'s, turning its records into Lambda's event
 * {@link LambdaStreamRecords}'s, as in the tests.
 */
final class LocalStreamPoller implements Runnable {
  private final String function;
  private final DynamoStreamReader stream;
  private final int batchSize;
  private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
  private final List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();

  LocalStreamPoller(String function, DynamoStreamReader stream, int batchSize,
      RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
    this.function = function;
    this.stream = stream;
    this.batchSize = batchSize;
    this.handler = handler;
  }

  @Override
  public synchronized void run() {
    try {
      pending.addAll(LambdaStreamRecords.event(stream.pollRecords()).getRecords());
      while (!pending.isEmpty()) {
        List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
        var event = new DynamodbEvent();
        event.setRecords(batch);
        StreamsEventResponse response = handler.handleRequest(event, new LocalContext(function, 60));
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
          pending.subList(0, batch.size()).clear();
          continue;
        }
        String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
        for (int i = 0; i < batch.size(); i++) {
          if (batch.get(i).getDynamodb().getSequenceNumber().equals(failed)) {
            pending.subList(0, i).clear();
            break;
          }
        }
        return; // try the failed record again on the next poll
      }
    } catch (RuntimeException e) {
      System.err.println(function + " stream poll failed: " + e);
    }
  }
}

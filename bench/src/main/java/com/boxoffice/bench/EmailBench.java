package com.boxoffice.bench;

/**
 * Email: achieved send rate over the configured SES rate, and queue-to-send latency. The email
 * processor is still a stub on this branch ({@code ProcessEmailQueueHandler} answers
 * {@code sent: 0}), so nothing is measured yet. When it lands, this suite should: put N jobs on
 * the email queue with their enqueue time, start the SES v2 emulator ({@code .tools/bin/aws-ses-v2-local
 * --host 127.0.0.1 --port <free>}), run the handler as the schedule would (once a minute, or in a
 * loop with the configured {@code SES_MAX_SEND_RATE}), read the emulator's {@code GET /store} for
 * what was sent and when, and report sends per second over the configured rate and queue-to-send
 * p50/p90, next to a bare SendMessage/ReceiveMessage round trip as the baseline.
 */
final class EmailBench implements Suite {
  @Override
  public String title() {
    return "Email: process-email-queue (not measured yet)";
  }

  @Override
  public void run(BenchContext ctx, Report out) {
    out.para("**Not measured yet.** The email processor is being written on another branch; on this one "
        + "`ProcessEmailQueueHandler` is a stub that sends nothing, so a send rate or a queue-to-send latency "
        + "measured now would describe no real code. The suite is in place (`bench/.../EmailBench.java`) with "
        + "the plan in its comment: jobs on the email queue, the SES v2 emulator on 127.0.0.1, the handler run "
        + "as the schedule runs it, achieved sends per second over `SES_MAX_SEND_RATE`, and queue-to-send p50 "
        + "and p90. Until then the cost model counts one SES message and three SQS requests (send, receive, "
        + "delete) per order's confirmation.");
  }
}

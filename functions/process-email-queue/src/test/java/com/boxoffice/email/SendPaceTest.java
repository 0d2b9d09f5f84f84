package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a backlog, one processor keeps SES at its quota: at least 0.95 of {@code SES_MAX_SEND_RATE}
 * from the first send to the last (the next batch is received while the last mails of one wait
 * for their slots), and never more than the rate in any 1-second window.
 */
@ExtendWith(LocalAwsExtension.class)
class SendPaceTest {
  private static final int RATE = 10;
  private static final int JOBS = 60;

  @Test
  void aBacklogIsSentAtTheQuotaAndNeverAboveIt(LocalAws aws, LocalResources res) throws Exception {
    try (SesStub ses = new SesStub()) {
      var fixture = new EmailFixture(aws, res, ses.endpoint()).with("SES_MAX_SEND_RATE", Integer.toString(RATE));
      ExecutorService enqueue = Executors.newFixedThreadPool(8);
      List<Future<?>> queued = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        int n = i;
        queued.add(enqueue.submit(() -> fixture.enqueue(EmailFixture.confirmation("ord_pace_" + n,
            "pace" + n + "@example.com", List.of("CODE" + n)))));
      }
      for (Future<?> f : queued) {
        f.get();
      }
      enqueue.shutdown();

      Map<String, Object> run = fixture.run(120_000);

      assertThat(run.get("sent")).isEqualTo(JOBS);
      List<SesStub.Attempt> attempts = ses.attempts();
      assertThat(attempts).hasSize(JOBS);
      assertThat(attempts.stream().map(SesStub.Attempt::jobId).distinct()).hasSize(JOBS);
      long[] at = attempts.stream().mapToLong(SesStub.Attempt::nanos).sorted().toArray();
      double seconds = (at[at.length - 1] - at[0]) / 1e9;
      double achieved = (at.length - 1) / seconds;
      assertThat(achieved / RATE).as("sends per second over the configured rate").isGreaterThanOrEqualTo(0.95);
      assertThat(busiestSecond(at)).as("the most sends in any 1-second window").isLessThanOrEqualTo(RATE);
    }
  }

  /** The most arrivals in any window [t, t + 1 s), t at an arrival (where a busiest window can start). */
  static int busiestSecond(long[] sortedNanos) {
    int most = 0;
    int end = 0;
    for (int start = 0; start < sortedNanos.length; start++) {
      while (end < sortedNanos.length && sortedNanos[end] < sortedNanos[start] + 1_000_000_000L) {
        end++;
      }
      most = Math.max(most, end - start);
    }
    return most;
  }
}

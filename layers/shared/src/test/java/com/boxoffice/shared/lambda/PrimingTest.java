package com.boxoffice.shared.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PrimingTest {

  @Test
  void theHooksRunWhatTheOwnerGaveThemInOrder() throws Exception {
    List<String> calls = new ArrayList<>();
    Priming hooks = Priming.register("test", () -> calls.add("prime"), () -> calls.add("restored"));
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    assertThat(calls).containsExactly("prime", "restored");
  }

  @Test
  void primingThatFailsDoesNotStopTheSnapshot() {
    Priming hooks = new Priming("test", () -> {
      throw new IllegalStateException("table unreachable");
    }, () -> { });
    assertThatCode(() -> hooks.beforeCheckpoint(null)).doesNotThrowAnyException();
  }

  static final class CountingScheduled extends ScheduledLambda<String> {
    CountingScheduled(com.boxoffice.shared.config.Initialized<String> tasks) {
      super("counting", tasks);
    }

    @Override
    protected Map<String, Object> run(String tasks, Map<String, Object> input, com.amazonaws.services.lambda.runtime.Context c) {
      return Map.of("ran", tasks);
    }
  }

  @Test
  void aScheduledFunctionIsNeverRunByPrimingAndRetriesAFailedStartUpAfterARestore() throws Exception {
    var builds = new java.util.concurrent.atomic.AtomicInteger();
    var tasks = com.boxoffice.shared.config.Initialized.attempt(() -> {
      if (builds.incrementAndGet() == 1) {
        throw new IllegalStateException("DynamoDB unreachable during init");
      }
      return "built";
    }, org.slf4j.LoggerFactory.getLogger(PrimingTest.class));
    var handler = new CountingScheduled(tasks);
    handler.priming().beforeCheckpoint(null);
    assertThat(builds).as("priming builds nothing and runs nothing").hasValue(1);
    handler.priming().afterRestore(null);
    assertThat(handler.handleRequest(Map.of(), null)).containsEntry("ran", "built");
  }

  @Test
  void runningAllHooksPrimesInReverseOrderThenRestoresInOrder() {
    List<String> calls = new ArrayList<>();
    Priming first = Priming.register("first", () -> calls.add("prime first"), () -> calls.add("restore first"));
    Priming second = Priming.register("second", () -> calls.add("prime second"), () -> calls.add("restore second"));
    Priming.runAllAsASnapshotWould();
    assertThat(calls).containsSubsequence("prime second", "prime first", "restore first", "restore second");
    assertThat(List.of(first, second)).hasSize(2);
  }
}

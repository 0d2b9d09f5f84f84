package com.boxoffice.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.email.EmailBackoff;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import com.boxoffice.testkit.TemplateYaml;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backoff the deployed function uses is the one template.yaml gives it (the other tests
 * override it to sit out less): 1 s, 5 s, 30 s, 5 min, 30 min, and the email queue's redrive
 * after six receives leaves exactly those five waits.
 */
@ExtendWith(LocalAwsExtension.class)
class BackoffFromTemplateTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String... path) {
    Map<String, Object> m = parent;
    for (String key : path) {
      m = (Map<String, Object>) m.get(key);
    }
    return m;
  }

  @Test
  void theFunctionAsTheTemplateConfiguresItBacksOffOneFiveThirtySecondsThenFiveAndThirtyMinutes(LocalAws aws,
      LocalResources res) {
    Map<String, Object> template = TemplateYaml.load(RepoRoot.find().resolve("template.yaml"));
    Map<String, Object> variables = new HashMap<>(map(template, "Globals", "Function", "Environment", "Variables"));
    variables.putAll(map(template, "Resources", "ProcessEmailQueueFunction", "Properties", "Environment",
        "Variables"));
    // Endpoints and names come from the local servers; every plain value the template sets is taken as it is.
    Map<String, String> env = new HashMap<>(new EmailFixture(aws, res, "http://127.0.0.1:1").env);
    env.remove("EMAIL_BACKOFF_SECONDS");
    variables.forEach((name, value) -> {
      if (value instanceof String s) {
        env.put(name, s);
      }
    });

    EmailBackoff backoff = ProcessEmailQueueHandler.fromEnvironment(new Env(env)).drainer().backoff();

    int maxReceiveCount = ((Number) map(template, "Resources", "EmailQueue", "Properties", "RedrivePolicy")
        .get("maxReceiveCount")).intValue();
    assertThat(maxReceiveCount).isEqualTo(6);
    assertThat(IntStream.rangeClosed(1, maxReceiveCount - 1).mapToObj(backoff::after).toList())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(30));
    assertThat(backoff.steps()).hasSize(5);
  }
}

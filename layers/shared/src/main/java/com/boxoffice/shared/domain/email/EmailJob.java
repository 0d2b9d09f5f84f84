package com.boxoffice.shared.domain.email;

import java.util.Map;
import java.util.Objects;

/**
 * One email to send, as it travels on the email queue. {@code jobId} is deterministic (for
 * example {@code order-confirmation:<orderId>}) so the same mail enqueued twice is sent once.
 *
 * @param template the template name, e.g. {@code order-confirmation}
 * @param variables everything the template uses; a job missing one is refused, never sent
 */
public record EmailJob(String jobId, String template, String recipient, Map<String, Object> variables) {
  public EmailJob {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(recipient, "recipient");
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}

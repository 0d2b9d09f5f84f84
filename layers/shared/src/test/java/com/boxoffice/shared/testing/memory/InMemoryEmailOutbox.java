package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.port.out.EmailOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link EmailOutbox} that keeps every enqueued job, duplicates included, as the queue would. */
public final class InMemoryEmailOutbox implements EmailOutbox {
  private final List<EmailJob> jobs = new ArrayList<>();

  @Override
  public synchronized void enqueue(EmailJob job) {
    jobs.add(job);
  }

  public synchronized List<EmailJob> jobs() {
    return List.copyOf(jobs);
  }

  /** The distinct jobs by id (the email processor sends each id once). */
  public synchronized Map<String, EmailJob> distinct() {
    return jobs.stream().collect(Collectors.toMap(EmailJob::jobId, Function.identity(), (a, b) -> a));
  }
}

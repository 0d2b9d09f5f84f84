package com.boxoffice.shared.testing.memory;

import com.boxoffice.shared.port.out.Mailer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@link Mailer} in memory: keeps every message it accepted, and throws the failures a test
 * queues with {@link #failNext}, one per send.
 */
public final class InMemoryMailer implements Mailer {
  /** One accepted message. */
  public record Sent(String messageId, String from, String to, String template, byte[] mime) {
    public String mimeText() {
      return new String(mime, StandardCharsets.UTF_8);
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private final Deque<MailerException> failures = new ArrayDeque<>();
  private int attempts;

  public synchronized InMemoryMailer failNext(FailureKind kind, String code) {
    failures.add(new MailerException(kind, code, "provider said " + code, null));
    return this;
  }

  @Override
  public synchronized String send(String from, String to, byte[] mime, String template) throws MailerException {
    attempts++;
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    String id = "msg-" + (sent.size() + 1);
    sent.add(new Sent(id, from, to, template, mime.clone()));
    return id;
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Sends tried, failed ones included. */
  public synchronized int attempts() {
    return attempts;
  }
}

package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.email.EmailJob;

/**
 * The only way anything sends email: put a job on the email queue. Enqueueing the same job id
 * twice is harmless; the processor sends each job id at most once.
 */
public interface EmailOutbox {
  void enqueue(EmailJob job);
}

package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.email.EmailJob;
import com.boxoffice.shared.domain.email.EmailJobRejectedException;
import com.boxoffice.shared.domain.email.RenderedEmail;

/**
 * Turns an email job into the message to send, from the template the job names. Templates are
 * checked when the renderer is built, so one that uses a variable it does not declare never
 * reaches a job; each job is checked against its template before it renders.
 */
public interface EmailRenderer {

  /**
   * The subject, both bodies and the inline images of the job's mail.
   *
   * @throws EmailJobRejectedException with {@code unknown_template}, {@code missing_variables} (naming
   *     every variable left out or blank) or {@code template_failed}: the job can never be sent as it is
   */
  RenderedEmail render(EmailJob job);
}

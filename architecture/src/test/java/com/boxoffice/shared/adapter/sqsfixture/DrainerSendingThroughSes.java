package com.boxoffice.shared.adapter.sqsfixture;

import com.boxoffice.shared.adapter.ses.SesMailer;

/** Deliberately wrong: one adapter package reaching into another. Only the rule tests import it. */
public final class DrainerSendingThroughSes {
  private final SesMailer mailer;

  public DrainerSendingThroughSes(SesMailer mailer) {
    this.mailer = mailer;
  }

  public SesMailer mailer() {
    return mailer;
  }
}

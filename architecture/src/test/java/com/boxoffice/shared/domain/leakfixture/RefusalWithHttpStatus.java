package com.boxoffice.shared.domain.leakfixture;

import com.boxoffice.shared.http.ApiException;

/**
 * Deliberately wrong: a domain class throwing the HTTP edge's exception, like the one class the
 * temporary list tolerates, but another class, so the list must not cover it.
 */
public final class RefusalWithHttpStatus {
  private RefusalWithHttpStatus() {}

  public static RuntimeException refuse(ApiException because) {
    return because;
  }
}

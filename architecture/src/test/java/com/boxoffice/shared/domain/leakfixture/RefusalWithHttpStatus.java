package com.boxoffice.shared.domain.leakfixture;

import com.boxoffice.shared.http.ApiException;

/**
 * Deliberately wrong: a domain class throwing the HTTP edge's exception, with its status, instead
 * of a typed refusal that the edge maps.
 */
public final class RefusalWithHttpStatus {
  private RefusalWithHttpStatus() {}

  public static RuntimeException refuse(ApiException because) {
    return because;
  }
}

package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scopes as API Gateway's JWT authorizer hands them over: every claim a string. */
@Tag("fast")
class JwtScopesTest {

  static HttpRequest withClaims(Map<String, String> claims) {
    return new HttpRequest("POST", "/v1/scans", Map.of(), Map.of(), Map.of(), null, claims, "198.51.100.7", "req-1");
  }

  @Test
  void readsTheSpaceSeparatedScopeClaimAndAScpListPassedOnAsText() {
    assertThat(JwtScopes.of(withClaims(Map.of("scope", "openid  scanner")))).containsExactlyInAnyOrder("openid", "scanner");
    assertThat(JwtScopes.of(withClaims(Map.of("scp", "[scanner buyer]")))).containsExactlyInAnyOrder("scanner", "buyer");
    assertThat(JwtScopes.of(withClaims(Map.of("sub", "x")))).isEmpty();
  }

  @Test
  void aTokenWithoutTheScopeIsRefusedWithAStableCode() {
    for (var claims : java.util.List.of(Map.of("scope", "buyer"), Map.of("scope", "scanners"), Map.<String, String>of())) {
      assertThatThrownBy(() -> JwtScopes.require(withClaims(claims), Scope.SCANNER))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("insufficient_scope");
          });
    }
    JwtScopes.require(withClaims(Map.of("scope", "buyer scanner")), Scope.SCANNER);
  }
}

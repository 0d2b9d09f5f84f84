package com.boxoffice.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class OrganizationTest {

  @Test
  void anOrganizerTokenActsForTheOrganizationItsOrgClaimNames() {
    assertThat(Organization.of(JwtScopesTest.withClaims(Map.of("scope", "organizer", "org", "org_acme-1"))))
        .isEqualTo("org_acme-1");
  }

  @Test
  void otherRolesAreRefusedForTheirScopeEvenWithAnOrgClaim() {
    assertThatThrownBy(() -> Organization.of(JwtScopesTest.withClaims(Map.of("scope", "buyer", "org", "org_acme"))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("insufficient_scope"));
  }

  @Test
  void anOrganizerTokenWithoutAWellFormedOrgClaimIsRefused() {
    for (var claims : List.of(Map.of("scope", "organizer"), Map.of("scope", "organizer", "org", ""),
        Map.of("scope", "organizer", "org", "org acme"), Map.of("scope", "organizer", "org", "x".repeat(65)))) {
      assertThatThrownBy(() -> Organization.of(JwtScopesTest.withClaims(claims)))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("organization_required");
          });
    }
  }
}

package com.boxoffice.shared.http;

import java.util.regex.Pattern;

/**
 * The organization (tenant) an organizer's token acts for, read from its {@code org} claim. Every
 * organizer route reads it here and only touches what that organization owns; a record owned by
 * another organization is answered as if it did not exist (404, never 403), so ids cannot be probed.
 */
public final class Organization {
  /** The claim that names the organization. */
  public static final String CLAIM = "org";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Organization() {}

  /**
   * The organization id of an organizer's token. Refuses with 403 {@code insufficient_scope}
   * unless the token has the organizer scope, and with 403 {@code organization_required} unless it
   * names a well-formed organization.
   */
  public static String of(HttpRequest request) {
    JwtScopes.require(request, Scope.ORGANIZER);
    String org = request.claim(CLAIM).orElse("");
    if (!ID.matcher(org).matches()) {
      throw new ApiException(ErrorCode.ORGANIZATION_REQUIRED,
          "This token does not name the organization it acts for.");
    }
    return org;
  }
}

package com.boxoffice.shared.http;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OAuth scopes of the caller's token, read from the claims the HTTP API's JWT authorizer
 * passed on. API Gateway hands every claim over as a string: {@code scope} is the standard
 * space-separated list, and some providers send a {@code scp} array, which arrives as
 * {@code "[a b]"}. A route checks its scope itself so the refusal has the common error envelope.
 */
public final class JwtScopes {
  /** Compiled once: every request of a scoped route splits its claims. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private JwtScopes() {}

  public static Set<String> of(HttpRequest request) {
    return Arrays.stream(WHITESPACE.split((request.claim("scope").orElse("") + " " + request.claim("scp").orElse(""))
            .replace('[', ' ').replace(']', ' ').replace(',', ' ')))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Refuses with 403 {@code insufficient_scope} unless the token carries {@code scope}. */
  public static void require(HttpRequest request, Scope scope) {
    if (!of(request).contains(scope.wire())) {
      throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "This token may not use this route.");
    }
  }
}

package com.boxoffice.catalog;

import com.boxoffice.shared.adapter.dynamo.DynamoStorefrontCatalog;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.domain.storefront.Storefront;
import java.time.Clock;
import java.util.HashSet;

/**
 * The catalog function's composition root: {@code TABLE_NAME}, and {@code STOREFRONT_ORIGINS} (a
 * comma-separated list of the browser origins allowed to read the catalog; empty allows none).
 */
final class CatalogWiring {
  static final String FUNCTION = "catalog";

  private CatalogWiring() {}

  static CatalogApi fromEnv(Env env) {
    String table = env.required("TABLE_NAME");
    var origins = new HashSet<String>();
    for (String origin : env.optional("STOREFRONT_ORIGINS").map(v -> v.split(",")).orElse(new String[0])) {
      String o = origin.trim();
      if (!o.isEmpty()) {
        new Env(java.util.Map.of("STOREFRONT_ORIGINS", o)).url("STOREFRONT_ORIGINS");
        origins.add(o.replaceAll("/+$", ""));
      }
    }
    return new CatalogApi(new Storefront(new DynamoStorefrontCatalog(new AwsClients(env).dynamo(), table),
        Clock.systemUTC()), origins);
  }
}

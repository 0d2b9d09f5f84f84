package com.boxoffice.analytics.api;

/** Placeholder while the route is built. */
final class AnalyticsApiHandler {
  private AnalyticsApiHandler() {}
}

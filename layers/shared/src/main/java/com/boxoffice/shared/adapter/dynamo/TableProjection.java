package com.boxoffice.shared.adapter.dynamo;

/**
 * Something built from the main table's stream: the scan log today, and any read model that
 * follows the table's changes. {@link #apply} must be idempotent, since a stream record may be
 * delivered more than once, and must throw when it could not write, so the record is retried.
 * A projection ignores the changes that are not its business.
 */
@FunctionalInterface
public interface TableProjection {
  void apply(TableChange change);
}

package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;

/**
 * One page of query results and where it lies in the whole. Immutable and thread-safe.
 *
 * @param items the items on this page
 * @param offset how many items come before this page
 * @param limit the page size asked for
 * @param total how many items match in all
 * @param <T> the item type
 */
public record Page<T>(ImmutableList<T> items, int offset, int limit, int total) {
  /** Checks the numbers. */
  public Page {
    requireNonNull(items, "items");
    checkArgument(offset >= 0, "offset must not be negative: %s", offset);
    checkArgument(limit > 0, "limit must be positive: %s", limit);
    checkArgument(total >= 0, "total must not be negative: %s", total);
  }

  /** Whether more items follow this page. */
  public boolean hasNext() {
    return offset + items.size() < total;
  }

  /** Whether items come before this page. */
  public boolean hasPrevious() {
    return offset > 0;
  }
}

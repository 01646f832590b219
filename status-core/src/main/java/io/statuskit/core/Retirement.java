package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a server was retired and which server, if any, took its place (the seed's NC018 replaced
 * by NC026). Immutable and thread-safe.
 *
 * @param at when the server was retired
 * @param replacedBy the id of the server that replaced it, or null
 */
public record Retirement(Instant at, @Nullable String replacedBy) {
  /** Validates the parts. */
  public Retirement {
    requireNonNull(at, "retirement.at");
    if (replacedBy != null) {
      Checks.id("retirement.replacedBy", replacedBy);
    }
  }
}

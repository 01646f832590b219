package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One bucket of a server's response-time chart drawn from a host's history: the checks of one
 * period (an hour, from the rollups), how many failed, and the median latency of those that
 * carried one.
 *
 * @param start the bucket's start
 * @param checks the checks in it
 * @param failed the failed checks in it
 * @param medianMicros the median latency in microseconds of the checks that carried one; 0 when
 *     none did
 */
public record LatencyPoint(Instant start, long checks, long failed, long medianMicros) {
  /** Checks the parts. */
  public LatencyPoint {
    requireNonNull(start, "start");
    if (checks < 0 || failed < 0 || failed > checks || medianMicros < 0) {
      throw new IllegalArgumentException("counts must be consistent: checks " + checks + ", failed " + failed + ", median " + medianMicros);
    }
  }
}

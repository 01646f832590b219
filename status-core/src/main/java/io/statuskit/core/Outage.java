package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One outage of a server: a maximal stretch of its {@link Timeline} in partial or major outage
 * (and, when asked, under maintenance). As data ({@link #start}, {@link #end}, {@link #duration})
 * and as text ({@link #describe}: "down for eight minutes between 07:09 and 07:17 UTC").
 * Immutable and thread-safe.
 *
 * @param serverId the server
 * @param start when it went down
 * @param end when it came back, or null while it is still down
 * @param worst the most severe status during the outage
 */
public record Outage(String serverId, Instant start, @Nullable Instant end, Status worst) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("d MMMM uuuu HH:mm", Locale.ENGLISH);

  /** Checks the parts. */
  public Outage {
    Checks.id("serverId", serverId);
    requireNonNull(start, "start");
    requireNonNull(worst, "worst");
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("outage.end " + end + " is before outage.start " + start);
    }
  }

  /** When it ended, if it has. */
  public Optional<Instant> endTime() {
    return Optional.ofNullable(end);
  }

  /** Whether the server is still down. */
  public boolean isOngoing() {
    return end == null;
  }

  /**
   * How long it lasted.
   *
   * @throws IllegalStateException if it is still going; use {@link #duration(Instant)}
   */
  public Duration duration() {
    if (end == null) {
      throw new IllegalStateException("outage of " + serverId + " since " + start + " is ongoing");
    }
    return Duration.between(start, end);
  }

  /** How long it lasted, or has lasted until {@code now} if it is still going. */
  public Duration duration(Instant now) {
    return Duration.between(start, end == null ? now : end);
  }

  /**
   * The outage as a sentence fragment in English, times shown in {@code zone}: "down for eight
   * minutes between 07:09 and 07:17 UTC". Durations are rounded to whole minutes from one minute
   * up ("forty-five seconds" below that) and spelt out up to ninety-nine; when start and end fall on
   * different days the dates are shown too. An outage that starts and ends within the same minute
   * reads "down for seven seconds at 13:09 UTC" (not "between 13:09 and 13:09"); one that crosses
   * a minute keeps both ("between 13:09 and 13:10"). An ongoing outage reads "down since 07:09 UTC".
   */
  public String describe(ZoneId zone) {
    ZonedDateTime from = start.atZone(zone);
    String zoneName = zoneName(zone, from);
    if (end == null) {
      return "down since " + TIME.format(from) + " " + zoneName;
    }
    ZonedDateTime to = end.atZone(zone);
    if (from.toLocalDate().equals(to.toLocalDate()) && TIME.format(from).equals(TIME.format(to))) {
      // "down for seven seconds at 13:09 UTC", not "between 13:09 and 13:09"
      return "down for " + Durations.inWords(duration()) + " at " + TIME.format(from) + " " + zoneName;
    }
    String between =
        from.toLocalDate().equals(to.toLocalDate())
            ? TIME.format(from) + " and " + TIME.format(to) + " " + zoneName
            : DAY_TIME.format(from) + " and " + DAY_TIME.format(to) + " " + zoneName;
    return "down for " + Durations.inWords(duration()) + " between " + between;
  }

  private static String zoneName(ZoneId zone, ZonedDateTime at) {
    ZoneId normalized = zone.normalized();
    if (normalized.equals(java.time.ZoneOffset.UTC) || zone.getId().equals("Etc/UTC")) {
      return "UTC";
    }
    if (normalized instanceof java.time.ZoneOffset) {
      return "UTC" + normalized.getId();
    }
    return ZONE.format(at);
  }
}

package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A heartbeat (push) monitor of a cron job or batch task, as Uptime Kuma's push monitors and
 * Healthchecks do it: the job pings after each run ({@link Heartbeats#ping}), and its server goes
 * down when a ping is late by more than {@code grace}, that is when no ping came within {@code
 * period + grace} of the last one (or of the monitor's start, so a job that never runs is caught
 * too). It comes back with the next ping.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * @param serverId the server's id on the board, which is also the heartbeat's id
 * @param name the server's display name
 * @param period how often the job runs
 * @param grace how late a ping may be before the server is down
 */
public record HeartbeatConfig(String serverId, String name, Duration period, Duration grace) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Duration MAX = Duration.ofDays(366);

  /** Validates every part. */
  public HeartbeatConfig {
    requireNonNull(serverId, "serverId");
    checkArgument(
        ID.matcher(serverId).matches(), "serverId must be 1 to 64 letters, digits, '-', '_' or '.': \"%s\"", serverId);
    requireNonNull(name, "name");
    checkArgument(!name.isBlank(), "name must not be blank: \"%s\"", name);
    requireNonNull(period, "period");
    checkArgument(
        period.compareTo(Duration.ofSeconds(1)) >= 0 && period.compareTo(MAX) <= 0, "period must be 1s to 366d: %s", period);
    requireNonNull(grace, "grace");
    checkArgument(!grace.isNegative() && grace.compareTo(MAX) <= 0, "grace must be 0 to 366d: %s", grace);
  }

  /** A builder for the heartbeat of server {@code serverId}. */
  public static Builder builder(String serverId) {
    return new Builder(serverId);
  }

  /** Builds {@link HeartbeatConfig}s; not thread-safe. */
  public static final class Builder {
    private final String serverId;
    private @Nullable String name;
    private Duration period = Duration.ofDays(1);
    private Duration grace = Duration.ofHours(1);

    private Builder(String serverId) {
      this.serverId = serverId;
    }

    /** The display name; defaults to the id. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** How often the job runs; defaults to a day. */
    public Builder period(Duration period) {
      this.period = period;
      return this;
    }

    /** How late a ping may be; defaults to an hour. */
    public Builder grace(Duration grace) {
      this.grace = grace;
      return this;
    }

    /** Builds the config. */
    public HeartbeatConfig build() {
      return new HeartbeatConfig(serverId, name == null ? serverId : name, period, grace);
    }
  }
}

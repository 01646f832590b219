package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A heartbeat (push) monitor of a cron job or batch task, as Uptime Kuma's push monitors and
 * Healthchecks do it: the job pings after each run ({@link Heartbeats#ping}), and its server goes
 * down when a ping is late by more than {@code grace}, that is when no ping came within {@code
 * period + grace} of the last one (or of the monitor's start, so a job that never runs is caught
 * too). It comes back with the next ping. The page details (host, location, role, visibility,
 * group, tags) describe the server on the board as a {@link TargetConfig}'s do.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. {@link #toString()} does
 * not show the secret.
 *
 * @param serverId the server's id on the board, which is also the heartbeat's id
 * @param name the server's display name
 * @param period how often the job runs
 * @param grace how late a ping may be before the server is down
 * @param host the host name, or null
 * @param location where the server stands, or null
 * @param role what it does, such as {@code Backup job}, or null
 * @param visibility public or internal, or null for not stated (a new server is public)
 * @param group the group it belongs to on the page, or null
 * @param tags its tags (none: not stated)
 * @param secret what a host's HTTP route asks of a ping ({@link Heartbeats#authenticates}), 16 to
 *     128 letters, digits, {@code -}, {@code _}, {@code .} or {@code ~} (safe in a URL path); null
 *     when pings come only from Java
 */
public record HeartbeatConfig(
    String serverId,
    String name,
    Duration period,
    Duration grace,
    @Nullable String host,
    @Nullable Location location,
    @Nullable String role,
    @Nullable Visibility visibility,
    @Nullable String group,
    ImmutableSet<Tag> tags,
    @Nullable String secret) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9._~-]{16,128}");
  private static final Duration MAX = Duration.ofDays(366);

  /** Validates every part; a bad secret's message gives its length, never the secret. */
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
    requireNonNull(tags, "tags");
    if (secret != null) {
      checkArgument(
          SECRET.matcher(secret).matches(),
          "secret must be 16 to 128 letters, digits, '-', '_', '.' or '~' (it has %s characters)",
          secret.length());
    }
    TargetConfig.newServer(serverId, name, host, location, role, visibility, group, tags); // the board's checks
  }

  /** A heartbeat without page details or secret, as before they were part of it. */
  public HeartbeatConfig(String serverId, String name, Duration period, Duration grace) {
    this(serverId, name, period, grace, null, null, null, null, null, ImmutableSet.of(), null);
  }

  /** Whether a secret is set, so that a host's HTTP route may take this heartbeat's pings. */
  public boolean hasSecret() {
    return secret != null;
  }

  /** The server as this config describes it, for adding it to a board. */
  public Server server() {
    return TargetConfig.newServer(serverId, name, host, location, role, visibility, group, tags);
  }

  /**
   * A board's server with what this config states put over it: the host, location, role,
   * visibility, group and tags this config gives, and its name unless that is only the id.
   */
  public Server describe(Server onBoard) {
    return TargetConfig.describe(onBoard, serverId, name, host, location, role, visibility, group, tags);
  }

  /** Every part but the secret, which shows as {@code ***} when set. */
  @Override
  public String toString() {
    return "HeartbeatConfig[serverId=" + serverId + ", name=" + name + ", period=" + period + ", grace=" + grace
        + ", host=" + host + ", location=" + location + ", role=" + role + ", visibility=" + visibility
        + ", group=" + group + ", tags=" + tags + ", secret=" + (secret == null ? "null" : "***") + "]";
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
    private @Nullable String host;
    private @Nullable Location location;
    private @Nullable String role;
    private @Nullable Visibility visibility;
    private @Nullable String group;
    private final Set<Tag> tags = new LinkedHashSet<>();
    private @Nullable String secret;

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

    /** The host name. */
    public Builder host(@Nullable String host) {
      this.host = host;
      return this;
    }

    /** Where the server stands. */
    public Builder location(@Nullable Location location) {
      this.location = location;
      return this;
    }

    /** Shorthand for {@code location(Location.of(city, countryCode))}. */
    public Builder location(String city, String countryCode) {
      return location(Location.of(city, countryCode));
    }

    /** What the server does, such as "Backup job". */
    public Builder role(@Nullable String role) {
      this.role = role;
      return this;
    }

    /** Public or internal; a server the board does not have yet is public unless this says otherwise. */
    public Builder visibility(Visibility visibility) {
      this.visibility = requireNonNull(visibility, "visibility");
      return this;
    }

    /** The group the server belongs to on the page. */
    public Builder group(@Nullable String group) {
      this.group = group;
      return this;
    }

    /** Adds tags made from labels. */
    public Builder tags(String... labels) {
      for (String label : labels) {
        tags.add(Tag.of(label));
      }
      return this;
    }

    /** The secret a host's HTTP route asks of a ping; none by default (pings from Java only). */
    public Builder secret(@Nullable String secret) {
      this.secret = secret;
      return this;
    }

    /** Builds the config. */
    public HeartbeatConfig build() {
      return new HeartbeatConfig(
          serverId,
          name == null ? serverId : name,
          period,
          grace,
          host,
          location,
          role,
          visibility,
          group,
          ImmutableSet.copyOf(tags),
          secret);
    }
  }
}

package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import io.statuskit.probes.spi.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One monitored server: how the page describes it (id, name, location, role, visibility, group,
 * tags), its probes, how often they run, and how their results turn into a status. The monitor adds
 * the server to the board with this description; for a server the board has, it changes what this
 * config states (a host, location, role, visibility, group, tags, or a name other than the id) and
 * leaves the rest as the board has it.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * @param serverId the server's id on the board, such as {@code NC036}
 * @param name the server's display name, such as {@code Mail server}
 * @param host the host name, or null
 * @param probes the probes run each round (at least one)
 * @param interval time between the starts of two rounds
 * @param jitter each round starts up to this much earlier or later (less than the interval)
 * @param thresholds soft/hard state thresholds
 * @param flapDetection flap damping
 * @param quorum how many probes must be down for the round to be down
 * @param location where the server stands, or null
 * @param role what it does, such as {@code Mail server}, or null
 * @param visibility public or internal, or null for not stated (a new server is public)
 * @param group the group it belongs to on the page, or null
 * @param tags its tags (none: not stated)
 */
public record TargetConfig(
    String serverId,
    String name,
    @Nullable String host,
    ImmutableList<Probe> probes,
    Duration interval,
    Duration jitter,
    Thresholds thresholds,
    FlapDetection flapDetection,
    Quorum quorum,
    @Nullable Location location,
    @Nullable String role,
    @Nullable Visibility visibility,
    @Nullable String group,
    ImmutableSet<Tag> tags) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates every part. */
  public TargetConfig {
    requireNonNull(serverId, "serverId");
    checkArgument(ID.matcher(serverId).matches(), "serverId must be 1 to 64 letters, digits, '-', '_' or '.': \"%s\"", serverId);
    requireNonNull(name, "name");
    checkArgument(!name.isBlank(), "name must not be blank: \"%s\"", name);
    requireNonNull(probes, "probes");
    checkArgument(!probes.isEmpty(), "probes must not be empty for server %s", serverId);
    requireNonNull(interval, "interval");
    checkArgument(
        interval.compareTo(Duration.ofMillis(10)) >= 0 && interval.compareTo(Duration.ofDays(1)) <= 0,
        "interval must be 10ms to 1d: %s",
        interval);
    requireNonNull(jitter, "jitter");
    checkArgument(!jitter.isNegative() && jitter.compareTo(interval) < 0, "jitter must be 0 or more and less than the interval (%s): %s", interval, jitter);
    requireNonNull(thresholds, "thresholds");
    requireNonNull(flapDetection, "flapDetection");
    requireNonNull(quorum, "quorum");
    checkArgument(
        quorum.k() <= probes.size(),
        "quorum must be at most the number of probes (%s): %s",
        probes.size(),
        quorum.k());
    requireNonNull(tags, "tags");
    newServer(serverId, name, host, location, role, visibility, group, tags); // the board's checks
  }

  /**
   * A config without page details (no location, role, group or tags; public), as before they were
   * part of it.
   */
  public TargetConfig(
      String serverId,
      String name,
      @Nullable String host,
      ImmutableList<Probe> probes,
      Duration interval,
      Duration jitter,
      Thresholds thresholds,
      FlapDetection flapDetection,
      Quorum quorum) {
    this(
        serverId, name, host, probes, interval, jitter, thresholds, flapDetection, quorum, null, null,
        null, null, ImmutableSet.of());
  }

  /** The server as this config describes it, for adding it to a board. */
  public Server server() {
    return newServer(serverId, name, host, location, role, visibility, group, tags);
  }

  static Server newServer(
      String serverId,
      String name,
      @Nullable String host,
      @Nullable Location location,
      @Nullable String role,
      @Nullable Visibility visibility,
      @Nullable String group,
      ImmutableSet<Tag> tags) {
    return Server.builder(serverId)
        .name(name)
        .host(host)
        .location(location)
        .role(role)
        .visibility(visibility == null ? Visibility.PUBLIC : visibility)
        .group(group)
        .tags(tags.toArray(new Tag[0]))
        .build();
  }

  /**
   * A board's server with what this config states put over it: the host, location, role,
   * visibility, group and tags this config gives, and its name unless that is only the id.
   */
  public Server describe(Server onBoard) {
    return describe(onBoard, serverId, name, host, location, role, visibility, group, tags);
  }

  /** {@link #describe(Server)} for these parts (shared with {@link HeartbeatConfig}). */
  static Server describe(
      Server onBoard,
      String serverId,
      String name,
      @Nullable String host,
      @Nullable Location location,
      @Nullable String role,
      @Nullable Visibility visibility,
      @Nullable String group,
      ImmutableSet<Tag> tags) {
    checkArgument(onBoard.id().equals(serverId), "onBoard must be server %s: %s", serverId, onBoard.id());
    Server.Builder b = onBoard.toBuilder();
    if (!name.equals(serverId)) {
      b.name(name);
    }
    if (host != null) {
      b.host(host);
    }
    if (location != null) {
      b.location(location);
    }
    if (role != null) {
      b.role(role);
    }
    if (visibility != null) {
      b.visibility(visibility);
    }
    if (group != null) {
      b.group(group);
    }
    Server described = b.build();
    if (!tags.isEmpty()) {
      described =
          new Server(
              described.id(), described.name(), described.location(), described.role(), described.visibility(),
              described.group(), described.description(), described.host(), tags, described.retirement());
    }
    return described;
  }

  /** This config with other probes (for example the same probes wrapped by a recorder). */
  public TargetConfig withProbes(List<? extends Probe> newProbes) {
    return new TargetConfig(
        serverId, name, host, ImmutableList.copyOf(newProbes), interval, jitter, thresholds, flapDetection, quorum,
        location, role, visibility, group, tags);
  }

  /** A builder for server {@code serverId}. */
  public static Builder builder(String serverId) {
    return new Builder(serverId);
  }

  /** Builds {@link TargetConfig}s; not thread-safe. */
  public static final class Builder {
    private final String serverId;
    private @Nullable String name;
    private @Nullable String host;
    private final List<Probe> probes = new ArrayList<>();
    private @Nullable Duration interval;
    private @Nullable Duration jitter;
    private @Nullable Thresholds thresholds;
    private FlapDetection flap = FlapDetection.ofDefaults();
    private Quorum quorum = Quorum.any();
    private @Nullable Location location;
    private @Nullable String role;
    private @Nullable Visibility visibility;
    private @Nullable String group;
    private final Set<Tag> tags = new LinkedHashSet<>();

    private Builder(String serverId) {
      this.serverId = serverId;
    }

    /** The display name; defaults to the id. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The host name. */
    public Builder host(@Nullable String host) {
      this.host = host;
      return this;
    }

    /** Adds a probe. */
    public Builder probe(Probe probe) {
      probes.add(requireNonNull(probe, "probe"));
      return this;
    }

    /** Adds probes. */
    public Builder probes(List<? extends Probe> more) {
      more.forEach(this::probe);
      return this;
    }

    /** Time between rounds; defaults to 60s. */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Jitter; defaults to a tenth of the interval. */
    public Builder jitter(Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Thresholds; defaults to 3 failures and 2 successes. */
    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = thresholds;
      return this;
    }

    /** Flap detection; defaults to Nagios' 5%/20%. */
    public Builder flapDetection(FlapDetection flap) {
      this.flap = flap;
      return this;
    }

    /** Quorum; defaults to any one probe. */
    public Builder quorum(Quorum quorum) {
      this.quorum = quorum;
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

    /** What the server does, such as "Mail server". */
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

    /**
     * Fills in what this builder was not told: a {@link MonitorConfig}'s defaults. The default
     * jitter applies only where it is less than the interval.
     */
    Builder defaults(Duration defaultInterval, @Nullable Duration defaultJitter, Thresholds defaultThresholds) {
      if (interval == null) {
        interval = defaultInterval;
      }
      if (thresholds == null) {
        thresholds = defaultThresholds;
      }
      if (jitter == null && defaultJitter != null && defaultJitter.compareTo(interval) < 0) {
        jitter = defaultJitter;
      }
      return this;
    }

    /** Builds the config. */
    public TargetConfig build() {
      Duration every = interval == null ? Duration.ofSeconds(60) : interval;
      return new TargetConfig(
          serverId,
          name == null ? serverId : name,
          host,
          ImmutableList.copyOf(probes),
          every,
          jitter == null ? every.dividedBy(10) : jitter,
          thresholds == null ? Thresholds.ofDefaults() : thresholds,
          flap,
          quorum,
          location,
          role,
          visibility,
          group,
          ImmutableSet.copyOf(tags));
    }
  }
}

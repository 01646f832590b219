package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Vantage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Monitor} watches: the servers, how the page describes them, and their probes, as
 * loaded by {@link MonitorConfigLoader} or built in code with {@link #builder()}; a file and the
 * builder saying the same thing give equal configs.
 *
 * <pre>{@code
 * MonitorConfig config = MonitorConfig.builder()
 *     .defaultInterval(Duration.ofSeconds(60))               // defaults: interval
 *     .defaultThresholds(new Thresholds(3, 2))               // failureThreshold, successThreshold
 *     .server("NC036", server -> server
 *         .name("Mail server")
 *         .location("Amsterdam", "NL")
 *         .role("Mail server")
 *         .visibility(Visibility.PUBLIC)
 *         .group("Mail")
 *         .tags("mail", "smtp")
 *         .host("nc036.ninernet.net")
 *         .interval(Duration.ofSeconds(30))
 *         .probe(SmtpProbe.builder("nc036.ninernet.net", "monitor.ninernet.net").startTls(true).build()))
 *     .heartbeat("NC050", backup -> backup                   // a server with heartbeat: instead of probes:
 *         .name("Nightly backup")
 *         .period(Duration.ofDays(1))
 *         .grace(Duration.ofHours(1))
 *         .secret(System.getenv("BACKUP_PING_SECRET")))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param targets the servers watched by probes
 * @param heartbeats the servers that report by heartbeat (push) pings; no id is in both lists or
 *     twice in one
 * @param incidents the incident policy (the file's {@code incidents} section), or null when the
 *     monitor opens none
 * @param vantage the probe location this monitor reports from (the file's {@code vantage} and
 *     {@code vantageQuorum}), or null for a monitor whose verdict is the server's status
 */
public record MonitorConfig(
    ImmutableList<TargetConfig> targets,
    ImmutableList<HeartbeatConfig> heartbeats,
    @Nullable IncidentPolicy incidents,
    @Nullable Vantage vantage) {
  /** Validates every part. */
  public MonitorConfig {
    requireNonNull(targets, "targets");
    requireNonNull(heartbeats, "heartbeats");
    Set<String> ids = new HashSet<>();
    for (TargetConfig t : targets) {
      checkArgument(ids.add(t.serverId()), "servers: id %s appears more than once", t.serverId());
    }
    for (HeartbeatConfig h : heartbeats) {
      checkArgument(ids.add(h.serverId()), "servers: id %s appears more than once", h.serverId());
    }
  }

  /** A config without a probe location. */
  public MonitorConfig(
      ImmutableList<TargetConfig> targets, ImmutableList<HeartbeatConfig> heartbeats, @Nullable IncidentPolicy incidents) {
    this(targets, heartbeats, incidents, null);
  }

  /** A config of probe targets only, without incidents. */
  public MonitorConfig(ImmutableList<TargetConfig> targets) {
    this(targets, ImmutableList.of(), null);
  }

  /** A config of probe targets and heartbeats, without incidents. */
  public MonitorConfig(ImmutableList<TargetConfig> targets, ImmutableList<HeartbeatConfig> heartbeats) {
    this(targets, heartbeats, null);
  }

  /** A config of these targets. */
  public static MonitorConfig of(List<TargetConfig> targets) {
    return new MonitorConfig(ImmutableList.copyOf(targets));
  }

  /** A config of these targets and heartbeats. */
  public static MonitorConfig of(List<TargetConfig> targets, List<HeartbeatConfig> heartbeats) {
    return new MonitorConfig(ImmutableList.copyOf(targets), ImmutableList.copyOf(heartbeats));
  }

  /** The heartbeat of server {@code id}, if it reports by heartbeat. */
  public Optional<HeartbeatConfig> heartbeat(String id) {
    requireNonNull(id, "id");
    return heartbeats.stream().filter(h -> h.serverId().equals(id)).findFirst();
  }

  /** This config with an incident policy (null: none). */
  public MonitorConfig withIncidents(@Nullable IncidentPolicy policy) {
    return new MonitorConfig(targets, heartbeats, policy, vantage);
  }

  /** This config reporting from a probe location (null: none). */
  public MonitorConfig withVantage(@Nullable Vantage location) {
    return new MonitorConfig(targets, heartbeats, incidents, location);
  }

  /**
   * This config without its probe targets: its heartbeats and its incident policy. A monitor of it
   * sends nothing out (it makes no probe engine) and still receives heartbeats and checks their
   * deadlines; the example server's {@code serve --no-probes} runs one.
   */
  public MonitorConfig heartbeatsOnly() {
    return new MonitorConfig(ImmutableList.of(), heartbeats, incidents);
  }

  /** A builder: the Java form of a config file's {@code defaults} and {@code servers}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link MonitorConfig}s as a config file does: defaults (60s interval, a tenth of it as
   * jitter, 3 failures and 2 successes unless set) for every server that does not set its own.
   * Not thread-safe.
   */
  public static final class Builder {
    private Duration interval = Duration.ofSeconds(60);
    private @Nullable Duration jitter;
    private Thresholds thresholds = Thresholds.ofDefaults();
    private final List<TargetConfig.Builder> servers = new ArrayList<>();
    private final List<HeartbeatConfig.Builder> heartbeats = new ArrayList<>();
    private @Nullable IncidentPolicy incidents;
    private @Nullable Vantage vantage;

    private Builder() {}

    /**
     * The probe location this monitor reports from (the file's {@code vantage}, such as {@code
     * amsterdam}); see {@link Monitor.Builder#vantage(Vantage)}.
     */
    public Builder vantage(@Nullable Vantage vantage) {
      this.vantage = vantage;
      return this;
    }

    /**
     * The incident policy (the file's {@code incidents} section): for every server, or those of
     * {@link IncidentPolicy#forServers}.
     */
    public Builder incidents(@Nullable IncidentPolicy policy) {
      this.incidents = policy;
      return this;
    }

    /** The interval of servers that set none (the file's {@code defaults.interval}). */
    public Builder defaultInterval(Duration interval) {
      this.interval = requireNonNull(interval, "interval");
      return this;
    }

    /**
     * The jitter of servers that set none, where it is less than their interval (the file's {@code
     * defaults.jitter}).
     */
    public Builder defaultJitter(Duration jitter) {
      this.jitter = requireNonNull(jitter, "jitter");
      return this;
    }

    /** The thresholds of servers that set none ({@code defaults.failureThreshold}, {@code successThreshold}). */
    public Builder defaultThresholds(Thresholds thresholds) {
      this.thresholds = requireNonNull(thresholds, "thresholds");
      return this;
    }

    /** Adds a server, described and given its probes by {@code server} (an entry of {@code servers}). */
    public Builder server(String id, Consumer<TargetConfig.Builder> server) {
      TargetConfig.Builder b = TargetConfig.builder(id);
      requireNonNull(server, "server").accept(b);
      servers.add(b);
      return this;
    }

    /**
     * Adds a server that reports by heartbeat pings instead of probes (an entry of {@code servers}
     * with a {@code heartbeat}), described and given its period, grace and secret by {@code
     * heartbeat}. The defaults do not apply to it.
     */
    public Builder heartbeat(String id, Consumer<HeartbeatConfig.Builder> heartbeat) {
      HeartbeatConfig.Builder b = HeartbeatConfig.builder(id);
      requireNonNull(heartbeat, "heartbeat").accept(b);
      heartbeats.add(b);
      return this;
    }

    /**
     * Builds the config, applying the defaults.
     *
     * @throws IllegalArgumentException naming the server and the value that is not valid
     */
    public MonitorConfig build() {
      List<TargetConfig> targets = new ArrayList<>();
      for (TargetConfig.Builder b : servers) {
        targets.add(b.defaults(interval, jitter, thresholds).build());
      }
      List<HeartbeatConfig> beats = new ArrayList<>();
      for (HeartbeatConfig.Builder b : heartbeats) {
        beats.add(b.build());
      }
      MonitorConfig config = of(targets, beats);
      IncidentPolicy policy = incidents;
      if (policy != null) {
        for (String id : policy.servers()) {
          checkArgument(
              targets.stream().anyMatch(t -> t.serverId().equals(id)), "incidents.servers: unknown server %s", id);
        }
      }
      return config.withIncidents(policy).withVantage(vantage);
    }
  }
}

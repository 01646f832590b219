package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.spi.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One monitored server: its id and name on the status board, its probes, how often they run, and
 * how their results turn into a status.
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
    Quorum quorum) {

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
    private Duration interval = Duration.ofSeconds(60);
    private @Nullable Duration jitter;
    private Thresholds thresholds = Thresholds.ofDefaults();
    private FlapDetection flap = FlapDetection.ofDefaults();
    private Quorum quorum = Quorum.any();

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

    /** Builds the config. */
    public TargetConfig build() {
      return new TargetConfig(
          serverId,
          name == null ? serverId : name,
          host,
          ImmutableList.copyOf(probes),
          interval,
          jitter == null ? interval.dividedBy(10) : jitter,
          thresholds,
          flap,
          quorum);
    }
  }
}

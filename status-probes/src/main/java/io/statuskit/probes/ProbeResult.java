package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of one probe run: the outcome, how long it took in total and per phase, what was
 * learned, and for anything but {@link Outcome#UP} an error kind and a readable message.
 *
 * <p>A {@link Outcome#DOWN} or {@link Outcome#UNSUPPORTED} result always has an error kind; a
 * {@link Outcome#DEGRADED} one may (a slow answer has none, an expiring certificate has none, a
 * failed check has one); an {@link Outcome#UP} result never does.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what the probe found
 * @param latency the probe's total duration
 * @param timings durations of the phases that were measured
 * @param details what was learned about the server
 * @param errorKind why the server is not up, or null when up
 * @param message a readable one-line explanation; empty only when up
 */
public record ProbeResult(
    Outcome outcome,
    Duration latency,
    ImmutableMap<Phase, Duration> timings,
    ProbeDetails details,
    @Nullable ErrorKind errorKind,
    String message) {

  /** Validates every part. */
  public ProbeResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(latency, "latency");
    checkArgument(!latency.isNegative(), "latency must not be negative: %s", latency);
    requireNonNull(timings, "timings");
    timings.forEach(
        (phase, d) ->
            checkArgument(!d.isNegative(), "timings.%s must not be negative: %s", phase, d));
    requireNonNull(details, "details");
    requireNonNull(message, "message");
    switch (outcome) {
      case UP:
        checkArgument(errorKind == null, "errorKind must be null when up: %s", errorKind);
        break;
      case DOWN:
        checkArgument(errorKind != null, "errorKind is required when down: %s", message);
        break;
      case UNSUPPORTED:
        checkArgument(
            errorKind == ErrorKind.UNSUPPORTED,
            "errorKind must be UNSUPPORTED when unsupported: %s",
            errorKind);
        break;
      case DEGRADED:
        break;
    }
    if (outcome != Outcome.UP) {
      checkArgument(!message.isBlank(), "message is required when %s", outcome);
    }
  }

  /** A builder for a result with the given outcome. */
  public static Builder builder(Outcome outcome) {
    return new Builder(outcome);
  }

  /** An up result with the given latency and no details. */
  public static ProbeResult up(Duration latency) {
    return builder(Outcome.UP).latency(latency).build();
  }

  /** A down result. */
  public static ProbeResult down(ErrorKind kind, String message, Duration latency) {
    return builder(Outcome.DOWN).error(kind, message).latency(latency).build();
  }

  /** An unsupported result: the probe cannot run here. */
  public static ProbeResult unsupported(String message) {
    return builder(Outcome.UNSUPPORTED).error(ErrorKind.UNSUPPORTED, message).build();
  }

  /** The duration of a phase, if it was measured. */
  public Optional<Duration> timing(Phase phase) {
    return Optional.ofNullable(timings.get(phase));
  }

  /** The error kind, if any. */
  public Optional<ErrorKind> error() {
    return Optional.ofNullable(errorKind);
  }

  /** A builder starting from this result. */
  public Builder toBuilder() {
    Builder b = new Builder(outcome);
    b.latency = latency;
    b.timings.putAll(timings);
    b.details = details;
    b.errorKind = errorKind;
    b.message = message;
    return b;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(outcome.name()).append(' ').append(latency.toMillis());
    s.append("ms");
    if (errorKind != null) {
      s.append(' ').append(errorKind);
    }
    if (!message.isEmpty()) {
      s.append(": ").append(message);
    }
    return s.toString();
  }

  /** Builds {@link ProbeResult}s; not thread-safe. */
  public static final class Builder {
    private Outcome outcome;
    private Duration latency = Duration.ZERO;
    private final Map<Phase, Duration> timings = new EnumMap<>(Phase.class);
    private ProbeDetails details = ProbeDetails.none();
    private @Nullable ErrorKind errorKind;
    private String message = "";

    private Builder(Outcome outcome) {
      this.outcome = requireNonNull(outcome, "outcome");
    }

    /** Changes the outcome. */
    public Builder outcome(Outcome outcome) {
      this.outcome = requireNonNull(outcome, "outcome");
      return this;
    }

    /** The total duration. */
    public Builder latency(Duration latency) {
      this.latency = requireNonNull(latency, "latency");
      return this;
    }

    /** The duration of one phase. */
    public Builder timing(Phase phase, Duration duration) {
      timings.put(requireNonNull(phase, "phase"), requireNonNull(duration, "duration"));
      return this;
    }

    /** The durations of several phases. */
    public Builder timings(Map<Phase, Duration> durations) {
      timings.putAll(durations);
      return this;
    }

    /** What was learned. */
    public Builder details(ProbeDetails details) {
      this.details = requireNonNull(details, "details");
      return this;
    }

    /** The error kind and message. */
    public Builder error(@Nullable ErrorKind kind, String message) {
      this.errorKind = kind;
      this.message = requireNonNull(message, "message");
      return this;
    }

    /** A message without an error kind (for a degraded result). */
    public Builder message(String message) {
      this.message = requireNonNull(message, "message");
      return this;
    }

    /** Builds the result. */
    public ProbeResult build() {
      return new ProbeResult(
          outcome,
          latency,
          Maps.immutableEnumMap(timings),
          details,
          errorKind,
          message);
    }
  }
}

package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.core.Status;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How time counts towards uptime: how much of a second in each status counts as down, whether
 * maintenance is left out, and whether time without data is left out or counted down. The
 * default is Statuspage's rule: a major outage counts fully, a partial outage 0.3, degraded
 * performance as up; maintenance and time without data are left out. {@link #rule()} is the
 * one-line statement printed with every figure. Immutable and thread-safe.
 *
 * <p>Uptime = 100 × (1 − down / counted), where counted is the window minus the time left out and
 * down is the sum over counted time of its status's weight.
 */
public final class UptimePolicy {
  /** What maintenance time does. */
  public enum Maintenance {
    /** Left out of the window: neither up nor down (the default). */
    LEFT_OUT,
    /** Counted as up, whatever was observed. */
    COUNTED_AS_UP,
    /** Counted as whatever was observed during it ("under maintenance" itself as up). */
    AS_OBSERVED
  }

  /** What time without data does (no status known and no rollups). */
  public enum NoData {
    /** Left out of the window (the default). */
    LEFT_OUT,
    /** Counted as down. */
    COUNTED_DOWN
  }

  private final double partialOutageWeight;
  private final double degradedWeight;
  private final Maintenance maintenance;
  private final NoData noData;

  private UptimePolicy(Builder builder) {
    this.partialOutageWeight = builder.partialOutageWeight;
    this.degradedWeight = builder.degradedWeight;
    this.maintenance = builder.maintenance;
    this.noData = builder.noData;
  }

  /** Statuspage's rule: major 1, partial 0.3, degraded 0; maintenance and no data left out. */
  public static UptimePolicy ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The share of a second of partial outage that counts as down, 0 to 1. */
  public double partialOutageWeight() {
    return partialOutageWeight;
  }

  /** The share of a second of degraded performance that counts as down: 0 (up) or 1 (down), or between. */
  public double degradedWeight() {
    return degradedWeight;
  }

  /** What maintenance does. */
  public Maintenance maintenance() {
    return maintenance;
  }

  /** What time without data does. */
  public NoData noData() {
    return noData;
  }

  /** How much of a second in this status counts as down (0 for operational and under maintenance; unknown is no data). */
  public double weight(Status status) {
    return switch (status) {
      case MAJOR_OUTAGE -> 1.0;
      case PARTIAL_OUTAGE -> partialOutageWeight;
      case DEGRADED_PERFORMANCE -> degradedWeight;
      case OPERATIONAL, UNDER_MAINTENANCE, UNKNOWN -> 0.0;
    };
  }

  /**
   * The rule in one line, for every figure:
   * {@code down = major outage ×1, partial outage ×0.3, degraded ×0; maintenance left out; no data left out}.
   */
  public String rule() {
    return "down = major outage ×1, partial outage ×" + number(partialOutageWeight) + ", degraded ×" + number(degradedWeight)
        + "; maintenance " + maintenance.name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + "; no data " + noData.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UptimePolicy that
        && partialOutageWeight == that.partialOutageWeight
        && degradedWeight == that.degradedWeight
        && maintenance == that.maintenance
        && noData == that.noData;
  }

  @Override
  public int hashCode() {
    return Objects.hash(partialOutageWeight, degradedWeight, maintenance, noData);
  }

  @Override
  public String toString() {
    return "UptimePolicy{" + rule() + "}";
  }

  /** Builds an {@link UptimePolicy}; not thread-safe. */
  public static final class Builder {
    private double partialOutageWeight = 0.3;
    private double degradedWeight = 0.0;
    private Maintenance maintenance = Maintenance.LEFT_OUT;
    private NoData noData = NoData.LEFT_OUT;

    private Builder() {}

    /** Only a major outage counts as down (partial outage and degraded count as up). */
    public Builder majorOutageOnly() {
      this.partialOutageWeight = 0;
      this.degradedWeight = 0;
      return this;
    }

    /** The share of partial outage that counts as down (0.3 by default, as Statuspage; 1 for fully). */
    public Builder partialOutageWeight(double weight) {
      this.partialOutageWeight = weight;
      return this;
    }

    /** Degraded performance counts as down ({@code true}) or up ({@code false}, the default). */
    public Builder degradedCountsAsDown(boolean down) {
      this.degradedWeight = down ? 1 : 0;
      return this;
    }

    /** What maintenance does ({@link Maintenance#LEFT_OUT} by default). */
    public Builder maintenance(Maintenance maintenance) {
      this.maintenance = requireNonNull(maintenance, "maintenance");
      return this;
    }

    /** What time without data does ({@link NoData#LEFT_OUT} by default). */
    public Builder noData(NoData noData) {
      this.noData = requireNonNull(noData, "noData");
      return this;
    }

    /** The policy, checked. */
    public UptimePolicy build() {
      checkArgument(partialOutageWeight >= 0 && partialOutageWeight <= 1, "partialOutageWeight must be 0 to 1: %s", partialOutageWeight);
      checkArgument(degradedWeight >= 0 && degradedWeight <= 1, "degradedWeight must be 0 to 1: %s", degradedWeight);
      return new UptimePolicy(this);
    }
  }
}

package io.statuskit.micrometer;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.statuskit.core.Subscription;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meters of a {@link Monitor}'s probes, fed by its events ({@link Monitor#subscribe}): for every
 * probe result a {@value StatusKitMeters#PROBE_DURATION} timer sample of the probe's own latency
 * and a {@value StatusKitMeters#PROBE_RESULTS} count, and a {@value
 * StatusKitMeters#MONITOR_CHANGES} count for each hard change of a server.
 *
 * <p>Tags: {@code server} is the server's id; {@code probe} is the probe's type and target as the
 * monitor names it in its messages ({@code "tcp 127.0.0.1:25"}), with {@code " #2"}, {@code " #3"}
 * appended to a second and third probe of one server with the same name; {@code outcome} is
 * {@code up}, {@code degraded}, {@code down} or {@code unsupported}; {@code error} is the error
 * kind ({@code timeout}, {@code refused}, ...) or {@code none}; {@code state} is {@code down},
 * {@code up} or {@code degraded}.
 *
 * <pre>{@code
 * MonitorMetrics probes = MonitorMetrics.of(monitor);
 * probes.bindTo(registry);
 * }</pre>
 *
 * <p>Meters appear with the first result of each probe and outcome. The events arrive on the
 * monitor's listener executor, so a result is counted shortly after its round, not within it.
 * Thread-safe; {@link #close()} stops the recording (the meters stay in the registries).
 */
public final class MonitorMetrics implements MeterBinder, AutoCloseable {
  private final Monitor monitor;
  private final Map<String, ImmutableList<String>> probeNames = new ConcurrentHashMap<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  private MonitorMetrics(Monitor monitor) {
    this.monitor = requireNonNull(monitor, "monitor");
  }

  /** Meters of {@code monitor}'s probes, recorded once bound to a registry. */
  public static MonitorMetrics of(Monitor monitor) {
    return new MonitorMetrics(monitor);
  }

  /** Starts recording the monitor's events into {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    subscriptions.add(monitor.subscribe(event -> record(registry, event)));
  }

  /** Stops recording into every registry bound so far. Idempotent. */
  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }

  private void record(MeterRegistry registry, MonitorEvent event) {
    if (event instanceof MonitorEvent.RoundCompleted round) {
      List<String> names = probeNames(round.serverId());
      for (int i = 0; i < round.results().size(); i++) {
        ProbeResult result = round.results().get(i);
        String probe = i < names.size() ? names.get(i) : "probe " + (i + 1);
        String outcome = StatusKitMeters.tag(result.outcome());
        Timer.builder(StatusKitMeters.PROBE_DURATION)
            .description("Latency of probe runs, as each probe measured it")
            .tags("server", round.serverId(), "probe", probe, "outcome", outcome)
            .register(registry)
            .record(result.latency());
        Counter.builder(StatusKitMeters.PROBE_RESULTS)
            .description("Probe results by outcome and error kind")
            .tags("server", round.serverId(), "probe", probe, "outcome", outcome, "error", StatusKitMeters.tag(result.errorKind()))
            .register(registry)
            .increment();
      }
    } else if (event instanceof MonitorEvent.WentDown down) {
      change(registry, down.serverId(), Outcome.DOWN);
    } else if (event instanceof MonitorEvent.CameBack back) {
      change(registry, back.serverId(), back.outcome());
    }
  }

  private static void change(MeterRegistry registry, String serverId, Outcome to) {
    Counter.builder(StatusKitMeters.MONITOR_CHANGES)
        .description("Hard changes of a server's state decided by the monitor")
        .tags("server", serverId, "state", StatusKitMeters.tag(to))
        .register(registry)
        .increment();
  }

  /** The {@code probe} tag of each of a server's probes, in configuration order. */
  private List<String> probeNames(String serverId) {
    return probeNames.computeIfAbsent(serverId, id -> names(monitor.config(id).probes()));
  }

  /**
   * The probes' names as the monitor writes them ({@code type target}), a repeated name numbered
   * from its second use on.
   */
  static ImmutableList<String> names(List<? extends Probe> probes) {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    Map<String, Integer> seen = new HashMap<>();
    for (Probe p : probes) {
      String name = p.type() + " " + p.target();
      int n = seen.merge(name, 1, Integer::sum);
      names.add(n == 1 ? name : name + " #" + n);
    }
    return names.build();
  }
}

package io.statuskit.spring.internal;

import com.google.common.collect.ImmutableList;
import io.statuskit.monitor.TargetState;
import io.statuskit.probes.ProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Actuator shows of one monitored server, the same on Boot 3.5 and Boot 4 (whose health
 * types live in different packages): the status code and the details. Stateless and thread-safe.
 */
public final class ServerHealthDetails {
  private ServerHealthDetails() {}

  /**
   * The Actuator status code of a server's hard state: {@code UP} when up or degraded (the
   * details say which), {@code DOWN} when down, {@code UNKNOWN} before the first round or when
   * its probes cannot run here.
   */
  public static String status(TargetState state) {
    return switch (state.hardState()) {
      case UP, DEGRADED -> "UP";
      case DOWN -> "DOWN";
      case UNSUPPORTED -> "UNKNOWN";
    };
  }

  /** The details: states, streaks, the last round's time and each probe's last result. */
  public static Map<String, Object> details(TargetState state) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", name(state.hardState()));
    details.put("published", name(state.publishedState()));
    details.put("flapping", state.flapping());
    details.put("consecutiveFailures", state.consecutiveFailures());
    details.put("consecutiveSuccesses", state.consecutiveSuccesses());
    if (state.lastRoundAt() != null) {
      details.put("lastRoundAt", state.lastRoundAt().toString());
    }
    if (state.openIncidentId() != null) {
      details.put("openIncident", state.openIncidentId());
    }
    ImmutableList.Builder<Map<String, Object>> probes = ImmutableList.builder();
    for (ProbeResult result : state.lastResults()) {
      Map<String, Object> probe = new LinkedHashMap<>();
      probe.put("outcome", name(result.outcome()));
      probe.put("latencyMillis", result.latency().toMillis());
      if (!result.message().isEmpty()) {
        probe.put("message", result.message());
      }
      probes.add(probe);
    }
    List<Map<String, Object>> list = probes.build();
    if (!list.isEmpty()) {
      details.put("probes", list);
    }
    return details;
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}

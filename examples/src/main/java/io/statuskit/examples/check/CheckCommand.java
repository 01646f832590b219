package io.statuskit.examples.check;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every probe of every configured server once, all at the same time, and reports each
 * result. Each probe is bounded by its own timeout (the engine enforces it); the whole run by the
 * longest timeout plus a margin. Thread-safe (stateless).
 */
public final class CheckCommand {
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private CheckCommand() {}

  /**
   * Checks every server of the configuration once.
   *
   * @throws InterruptedException if interrupted while waiting for the probes
   */
  public static CheckReport check(MonitorConfig config, ProbeEngine engine) throws InterruptedException {
    requireNonNull(config, "config");
    requireNonNull(engine, "engine");
    List<String> servers = new ArrayList<>();
    List<Probe> probes = new ArrayList<>();
    List<CompletableFuture<ProbeResult>> results = new ArrayList<>();
    Duration longest = Duration.ZERO;
    for (TargetConfig target : config.targets()) {
      for (Probe probe : target.probes()) {
        servers.add(target.serverId());
        probes.add(probe);
        results.add(engine.run(probe));
        longest = probe.timeout().compareTo(longest) > 0 ? probe.timeout() : longest;
      }
    }
    long deadline = longest.plus(MARGIN).toMillis();
    ImmutableList.Builder<CheckRow> rows = ImmutableList.builder();
    for (int i = 0; i < results.size(); i++) {
      Probe probe = probes.get(i);
      String name = probe.type() + " " + probe.target();
      try {
        ProbeResult result = results.get(i).get(deadline, TimeUnit.MILLISECONDS);
        rows.add(row(servers.get(i), name, result));
      } catch (ExecutionException e) {
        rows.add(new CheckRow(servers.get(i), name, "down", null, "internal", String.valueOf(e.getCause())));
      } catch (TimeoutException e) {
        results.get(i).cancel(true);
        rows.add(new CheckRow(servers.get(i), name, "down", null, "timeout", "no result within " + deadline + " ms"));
      }
    }
    return new CheckReport(rows.build());
  }

  /**
   * Records each checked server's worst result as an observed status (up: operational, degraded:
   * degraded performance, down: major outage), for the servers the board holds.
   *
   * @return how many servers were recorded
   */
  public static int record(CheckReport report, StatusTracker tracker) {
    requireNonNull(report, "report");
    requireNonNull(tracker, "tracker");
    Map<String, Status> worst = new LinkedHashMap<>();
    Map<String, String> details = new LinkedHashMap<>();
    for (CheckRow row : report.rows()) {
      Status status =
          switch (row.outcome()) {
            case "up" -> Status.OPERATIONAL;
            case "degraded" -> Status.DEGRADED_PERFORMANCE;
            default -> Status.MAJOR_OUTAGE;
          };
      Status before = worst.get(row.server());
      if (before == null || status.compareTo(before) > 0) {
        worst.put(row.server(), status);
        details.put(row.server(), row.outcome().equals("up") ? null : row.probe() + ": " + row.outcome());
      }
    }
    int recorded = 0;
    for (Map.Entry<String, Status> entry : worst.entrySet()) {
      if (tracker.board().server(entry.getKey()).isPresent()) {
        tracker.observe(entry.getKey(), entry.getValue(), details.get(entry.getKey()));
        recorded++;
      }
    }
    return recorded;
  }

  private static CheckRow row(String server, String probe, ProbeResult result) {
    String outcome;
    switch (result.outcome()) {
      case UP:
        outcome = "up";
        break;
      case DEGRADED:
        outcome = "degraded";
        break;
      default:
        outcome = "down";
    }
    String kind = result.errorKind() == null ? null : result.errorKind().name().toLowerCase(Locale.ROOT);
    String message = result.message().isBlank() ? null : result.message();
    return new CheckRow(server, probe, outcome, result.latency(), kind, message);
  }
}

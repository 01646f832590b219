package io.statuskit.benchmarks;

import io.statuskit.core.Timeline;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Outcome;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.history.UptimePolicy;
import io.statuskit.history.UptimeReporter;
import io.statuskit.history.UptimeWindow;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * History (issue 22): the cost of folding one probe result into its minute bucket (target under
 * 1 µs, no allocation: run with {@code -prof gc}), the uptime of one server over a year from the
 * rollups (target under 1 ms) and of 1,000 servers over 90 days (target under 10 ms). The
 * rollups are day buckets of three locations per server, as the compaction leaves them; the
 * timelines are empty, so every second's figure comes from the rollups.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HistoryBenchmark {
  static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
  static final String[] LOCATIONS = {"ams", "nyc", "sin"};

  /** One recorder and a series handle, with the clock at the current minute. */
  @State(Scope.Thread)
  public static class Fold {
    final SeriesRecorder series =
        HistoryRecorder.builder(new InMemoryHistoryStore()).clock(Clock.fixed(END, ZoneOffset.UTC)).build().series("NC027", "ams");
    long at;
    long latency;
    int i;

    /** Creates the recorder. */
    @Setup(Level.Trial)
    public void setUp() {
      at = END.toEpochMilli();
    }
  }

  /** Folds one result (up, with a latency that varies over 1,000 values) into the open minute. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void foldOneResult(Fold state) {
    int i = state.i++;
    // one result in eight taken during maintenance: the flag's path is folded too
    state.series.record(state.at + (i & 0x7FFF), (i & 63) == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 15_000 + (i & 1023) * 17L,
        (i & 7) == 0);
  }

  /** Day rollups of servers with three locations each, and a reporter that reads them. */
  @State(Scope.Benchmark)
  public static class Rollups {
    final InMemoryHistoryStore store = new InMemoryHistoryStore();
    final HistoryRecorder recorder = HistoryRecorder.builder(store).clock(Clock.fixed(END, ZoneOffset.UTC)).build();
    final UptimeReporter reporter = UptimeReporter.of(UptimePolicy.ofDefaults()).withHistory(recorder);
    List<String> servers = new ArrayList<>();
    UptimeWindow year = UptimeWindow.between(END.minus(Duration.ofDays(365)), END);
    UptimeWindow quarter = UptimeWindow.between(END.minus(Duration.ofDays(90)), END);

    /** Fills a store with 366 days for one server and 91 days for 1,000 servers. */
    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(22);
      for (int s = 0; s < 1000; s++) {
        String id = "S" + s;
        servers.add(id);
        int days = s == 0 ? 366 : 91;
        for (String location : LOCATIONS) {
          SeriesKey key = SeriesKey.of(id, location);
          List<Rollup> rollups = new ArrayList<>(days);
          for (int d = days; d > 0; d--) {
            long[] failures = new long[FailureKind.COUNT];
            failures[FailureKind.TIMEOUT.ordinal()] = random.nextInt(3);
            long[] latency = new long[40];
            for (int k = 0; k < latency.length; k++) {
              latency[k] = 15_000 + random.nextInt(20_000);
            }
            rollups.add(Rollup.of(key, Resolution.DAY, END.minus(Duration.ofDays(d)), 1440, random.nextInt(5), failures, LatencyHistogram.of(latency)));
          }
          store.write(Resolution.DAY, rollups, END);
        }
      }
      store.write(Resolution.HOUR, List.of(), END);
    }
  }

  /** The uptime of one server (three locations) over 365 days, from day rollups. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double uptimeOfOneServerOverAYear(Rollups state) {
    return state.reporter.figure("S0", Timeline.empty("S0"), List.of(), state.year).percent().orElse(0);
  }

  /** The uptime of 1,000 servers (three locations each) over 90 days, from day rollups. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double uptimeOf1000ServersOver90Days(Rollups state) {
    double sum = 0;
    for (String id : state.servers) {
      sum += state.reporter.figure(id, Timeline.empty(id), List.of(), state.quarter).percent().orElse(0);
    }
    return sum;
  }
}

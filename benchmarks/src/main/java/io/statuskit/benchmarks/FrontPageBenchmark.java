package io.statuskit.benchmarks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.UptimeFigure;
import io.statuskit.history.UptimePolicy;
import io.statuskit.history.UptimeReporter;
import io.statuskit.history.UptimeWindow;
import io.statuskit.history.store.InMemoryHistoryStore;
import io.statuskit.page.DailyUptime;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import io.statuskit.page.UptimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The front page of a board of 1,000 servers (issue 22), rendered as after every probe round
 * (each operation asks the site for {@code /} with a board of a new version, so nothing is served
 * from the cache): the 90-day bars from the timelines ({@code source=none}), or from a history
 * ({@code source=history}: an {@link UptimeReporter} over an {@link InMemoryHistoryStore} of 90
 * days of hour buckets, one location per server). The timelines cover the last 60 days, so the 30
 * days before come from the hour buckets; each server has 2 maintenance windows in the 90 days,
 * one across midnight, read through the board's index by server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FrontPageBenchmark {
  /** Servers on the board. */
  @Param({"1000"})
  public int servers;

  /** Where the bars' figures come from: {@code none} (timelines) or {@code history}. */
  @Param({"none", "history"})
  public String source = "none";

  private List<ServerStatus> statuses = List.of();
  private List<Incident> incidents = List.of();
  private StatusSite site = StatusSite.builder().boards(StatusBoard::empty).settings(PageSettings.local("Bench", 8080)).build();
  private long version = 1;

  /** Builds the board's parts, the history and the site. */
  @Setup
  public void setUp() {
    StatusBoard timelines = Fixtures.timelines(servers, 60, 20);
    statuses = timelines.servers();
    SplittableRandom random = new SplittableRandom(22);
    List<Incident> list = new ArrayList<>();
    for (ServerStatus server : statuses) {
      for (int k = 0; k < 2; k++) {
        Instant start = Fixtures.END.minus(Duration.ofMinutes(random.nextLong(Duration.ofDays(89).toMinutes())));
        if (k == 0) {
          start = start.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(1));
        }
        list.add(maintenance(server.id() + "-m" + k, server.id(), MaintenanceWindow.of(start, start.plus(Duration.ofHours(2)))));
      }
    }
    incidents = list;
    StatusSite.Builder builder =
        StatusSite.builder()
            .boards(this::nextBoard)
            .settings(PageSettings.local("Bench", 8080))
            .clock(Clock.fixed(Fixtures.END, ZoneOffset.UTC));
    if (source.equals("history")) {
      InMemoryHistoryStore store = new InMemoryHistoryStore();
      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(Clock.fixed(Fixtures.END, ZoneOffset.UTC)).build();
      Instant from = Fixtures.END.minus(Duration.ofDays(91));
      long[] failures = new long[FailureKind.COUNT];
      for (ServerStatus server : statuses) {
        SeriesKey key = SeriesKey.of(server.id(), "ams");
        List<Rollup> rollups = new ArrayList<>(91 * 24);
        for (Instant hour = from; hour.isBefore(Fixtures.END); hour = hour.plus(Duration.ofHours(1))) {
          failures[FailureKind.TIMEOUT.ordinal()] = random.nextInt(50) == 0 ? 1 + random.nextInt(10) : 0;
          rollups.add(Rollup.of(key, Resolution.HOUR, hour, 60, random.nextInt(3), failures, LatencyHistogram.empty()));
        }
        store.write(Resolution.HOUR, rollups, Fixtures.END);
      }
      builder.uptime(new ReporterSource(UptimeReporter.of(UptimePolicy.ofDefaults()).withHistory(recorder)));
    }
    site = builder.build();
    String page = site.handle(PageRequest.get("/")).text();
    if (!page.contains("id=\"server-" + Fixtures.serverId(0) + "\"") || !page.contains("class=\"bars\"")
        || page.contains("Counted as:") != source.equals("history")) {
      throw new IllegalStateException("the front page does not show the bars it should (source " + source + ")");
    }
  }

  /** A board of a new version: the site renders its front page again, as after a probe round. */
  private StatusBoard nextBoard() {
    return StatusBoard.of(++version, Fixtures.END, statuses, incidents);
  }

  private static Incident maintenance(String id, String serverId, MaintenanceWindow window) {
    OffsetDateTime posted = OffsetDateTime.ofInstant(window.start().minus(Duration.ofDays(3)), ZoneOffset.UTC);
    return new Incident(
        id, IncidentKind.MAINTENANCE, "Planned work", Impact.NONE, ImmutableMap.of(serverId, Status.UNDER_MAINTENANCE), ImmutableSet.of(),
        ImmutableSet.of(),
        ImmutableList.of(
            new IncidentUpdate(id + "-1", posted, IncidentState.SCHEDULED, Body.plain("Planned work."), ImmutableMap.of(), false),
            new IncidentUpdate(id + "-2", OffsetDateTime.ofInstant(window.end(), ZoneOffset.UTC), IncidentState.COMPLETED,
                Body.plain("Done."), ImmutableMap.of(), false)),
        window, 0);
  }

  /** Renders the front page of a new board version; its length, so none of it is dead code. */
  @Benchmark
  public int frontPage() {
    return site.handle(PageRequest.get("/")).body().length;
  }

  /** The page's view of a reporter, as the example server's {@code UptimeHistory} gives it. */
  private record ReporterSource(UptimeReporter reporter) implements UptimeSource {
    @Override
    public String rule() {
      return reporter.policy().rule();
    }

    @Override
    public double percent(StatusBoard board, String serverId, Instant from, Instant to) {
      return reporter.server(board, serverId, UptimeWindow.between(from, to)).servers().get(0).percent().orElse(Double.NaN);
    }

    @Override
    public DailyUptime daily(StatusBoard board, String serverId, LocalDate first, int days, ZoneId zone, Instant end) {
      List<UptimeFigure> figures = reporter.daily(board, serverId, first, days, zone, end);
      double[] percents = new double[figures.size()];
      double counted = 0;
      double down = 0;
      for (int i = 0; i < percents.length; i++) {
        percents[i] = Math.max(0, figures.get(i).percent().orElse(Double.NaN));
        counted += figures.get(i).countedSeconds();
        down += figures.get(i).downSeconds();
      }
      return DailyUptime.of(percents, counted == 0 ? Double.NaN : Math.max(0, 100 * (1 - down / counted)));
    }
  }
}

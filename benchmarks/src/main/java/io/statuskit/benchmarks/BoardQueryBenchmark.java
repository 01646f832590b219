package io.statuskit.benchmarks;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.Page;
import io.statuskit.core.StatusBoard;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
 * The queries a status page runs over its history: by tag, server, month archive and text
 * search, each returning the first page of 20 with the total count, over 100,000 incidents of
 * five updates each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class BoardQueryBenchmark {
  /** Incidents on the board. */
  @Param({"100000"})
  public int incidents;

  private StatusBoard board = StatusBoard.empty();
  private IncidentQuery byTag = IncidentQuery.all();
  private IncidentQuery byServer = IncidentQuery.all();
  private IncidentQuery byMonth = IncidentQuery.all();
  private IncidentQuery byText = IncidentQuery.all();
  private IncidentQuery byRareText = IncidentQuery.all();

  /** Builds the board and the queries, and sorts the board once (as the first page view would). */
  @Setup
  public void setUp() {
    board = Fixtures.board(incidents);
    board.incidents();
    Incident middle = board.incidents().get(board.incidentCount() / 2);
    byTag = IncidentQuery.builder().tag("dns").build();
    byServer = IncidentQuery.builder().server(Fixtures.serverId(7)).build();
    byMonth = IncidentQuery.builder().month(YearMonth.from(middle.createdAt().atZoneSameInstant(ZoneOffset.UTC))).build();
    byText = IncidentQuery.builder().text("spammer").build();
    byRareText = IncidentQuery.builder().text("no such words here").build();
  }

  /** Incidents with one tag (1 in 10 carry it). */
  @Benchmark
  public Page<Incident> tag() {
    return board.incidents(byTag);
  }

  /** Incidents affecting one server (1 in 50). */
  @Benchmark
  public Page<Incident> server() {
    return board.incidents(byServer);
  }

  /** One month's archive. */
  @Benchmark
  public Page<Incident> month() {
    return board.incidents(byMonth);
  }

  /** Text search for a word in the second update of every incident. */
  @Benchmark
  public Page<Incident> text() {
    return board.incidents(byText);
  }

  /** Text search for words that appear nowhere: every title and body is scanned. */
  @Benchmark
  public Page<Incident> textNoMatch() {
    return board.incidents(byRareText);
  }
}

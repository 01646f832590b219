package io.statuskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, with tiny sizes and a very short measurement, so the
 * benchmarks keep compiling and running. It checks that each produced a result; it never judges
 * speed (CI machines are too noisy for that; docs/benchmarks.md has the figures).
 */
class BenchmarksSmokeTest {

  private static Collection<RunResult> runOnce(Class<?> benchmark, String... params) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("\\." + benchmark.getSimpleName() + "\\.")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(50))
            .timeout(TimeValue.seconds(30))
            .shouldFailOnError(true);
    for (int i = 0; i < params.length; i += 2) {
      options.param(params[i], params[i + 1]);
    }
    return new Runner(options.build()).run();
  }

  private static void assertEveryBenchmarkRan(Collection<RunResult> results, int benchmarks) {
    assertThat(results).hasSize(benchmarks);
    for (RunResult result : results) {
      assertThat(result.getPrimaryResult().getSampleCount())
          .as("samples of %s", result.getParams().getBenchmark())
          .isPositive();
      assertThat(result.getPrimaryResult().getScore())
          .as("score of %s", result.getParams().getBenchmark())
          .isPositive();
    }
  }

  @Test
  void trackerBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(TrackerBenchmark.class, "servers", "10"), 2);
  }

  @Test
  void uptimeBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(UptimeBenchmark.class, "servers", "20"), 2);
  }

  @Test
  void frontPageBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(FrontPageBenchmark.class, "servers", "20"), 2);
  }

  @Test
  void durableWriteBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(DurableWriteBenchmark.class), 4);
  }

  @Test
  void feedBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(FeedBenchmark.class, "incidents", "20"), 7);
  }

  @Test
  void summaryBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(SummaryBenchmark.class, "servers", "20"), 2);
  }

  @Test
  void tcpProbeBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(TcpProbeBenchmark.class, "targets", "20"), 5);
  }

  @Test
  void httpTlsProbeBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(HttpTlsProbeBenchmark.class), 4);
  }

  @Test
  void tlsInterferenceBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(TlsInterferenceBenchmark.class, "handshakes", "20"), 1);
  }

  @Test
  void mixedRoundBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(MixedRoundBenchmark.class, "targets", "40"), 2);
  }

  @Test
  void recoveryBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(RecoveryBenchmark.class, "records", "500"), 2);
  }

  @Test
  void postgresWriteBenchmarkRuns() throws RunnerException {
    boolean answers;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
      answers = true;
    } catch (IOException e) {
      answers = false;
    }
    assumeTrue(answers, "nothing answers on 127.0.0.1:5432: PostgresWriteBenchmark not run");
    assertEveryBenchmarkRan(runOnce(PostgresWriteBenchmark.class), 3);
  }

  @Test
  void boardQueryBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(BoardQueryBenchmark.class, "incidents", "1000"), 5);
  }

  @Test
  void historyBenchmarkRuns() throws RunnerException {
    assertEveryBenchmarkRan(runOnce(HistoryBenchmark.class), 3);
  }
}

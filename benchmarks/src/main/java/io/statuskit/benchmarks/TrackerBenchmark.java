package io.statuskit.benchmarks;

import com.google.common.util.concurrent.MoreExecutors;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands per second into an in-memory {@link StatusTracker}: status observations, the command
 * probes send most. {@code observeSame} repeats a server's status (the common case: still up);
 * {@code observeFlip} changes it each time, so every command also extends a timeline. The
 * tracker is rebuilt before each iteration so timelines do not grow across iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrackerBenchmark {
  /** Servers on the board; each observation copies the server map, so this is the cost driver. */
  @Param({"10", "1000"})
  public int servers;

  private StatusTracker tracker = StatusTracker.inMemory(new TickingClock(Fixtures.END));
  private String[] ids = new String[0];
  private int next;
  private long flips;

  /** A fresh tracker with the servers added and observed once. */
  @Setup(Level.Iteration)
  public void setUp() {
    tracker.close();
    tracker =
        StatusTracker.builder()
            .clock(new TickingClock(Fixtures.END))
            .listenerExecutor(MoreExecutors.directExecutor())
            .build();
    List<Server> list = Fixtures.servers(servers);
    ids = new String[servers];
    for (int i = 0; i < servers; i++) {
      tracker.addServer(list.get(i));
      tracker.observe(list.get(i).id(), Status.OPERATIONAL);
      ids[i] = list.get(i).id();
    }
  }

  /** Closes the tracker. */
  @TearDown(Level.Trial)
  public void tearDown() {
    tracker.close();
  }

  /** Observes the status a server already has. */
  @Benchmark
  public Status observeSame() {
    String id = ids[next];
    next = next + 1 == ids.length ? 0 : next + 1;
    return tracker.observe(id, Status.OPERATIONAL);
  }

  /** Observes a status different from the last one, alternating outage and recovery. */
  @Benchmark
  public Status observeFlip() {
    String id = ids[next];
    next = next + 1 == ids.length ? 0 : next + 1;
    long round = flips++ / ids.length;
    return tracker.observe(id, round % 2 == 0 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL);
  }
}

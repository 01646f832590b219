package io.statuskit.benchmarks;

import com.sun.management.UnixOperatingSystemMXBean;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TcpProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Rounds of TCP connect probes against {@code targets} local listeners of which a share never
 * answer (their accept queue is full, so a connect hangs until the probe's timeout), printing
 * per round the wall time, the process CPU per probe, how many were up and timed out, and the
 * JVM's live threads and open descriptors, so growth shows. Run: {@code java -cp
 * benchmarks/target/benchmarks.jar io.statuskit.benchmarks.ProbeSoak [targets] [silent%]
 * [rounds] [timeoutMillis]}. Not thread-safe; a main program.
 */
public final class ProbeSoak {
  private ProbeSoak() {}

  /** Runs the soak; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int silent = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long timeoutMillis = args.length > 3 ? Long.parseLong(args[3]) : 1_000;
    UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(Locale.ROOT, "# %d targets, %d%% silent, %d rounds, probe timeout %d ms, fd limit %d, load %.2f%n",
        targets, silent, rounds, timeoutMillis, os.getMaxFileDescriptorCount(), os.getSystemLoadAverage());
    try (ListenerFarm.Handle farm = ListenerFarm.start(List.of(), "tcp", Integer.toString(targets), Integer.toString(silent), "false");
        ProbeEngine engine = ProbeEngine.create()) {
      TcpProbe[] probes = new TcpProbe[targets];
      for (int i = 0; i < targets; i++) {
        probes[i] = TcpProbe.builder(ListenerFarm.address(i).getAddress().getHostAddress(), ListenerFarm.PORT)
            .timeout(Duration.ofMillis(timeoutMillis)).build();
      }
      System.out.printf(Locale.ROOT, "# before: threads %d, open fds %d%n", threads.getThreadCount(), os.getOpenFileDescriptorCount());
      System.out.println("round  wall_ms  cpu_us/probe  up  down(timeout)  threads  open_fds");
      for (int round = 1; round <= rounds; round++) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        CompletableFuture<ProbeResult>[] results = new CompletableFuture[targets];
        for (int i = 0; i < targets; i++) {
          results[i] = engine.run(probes[i]);
        }
        int up = 0;
        int timedOut = 0;
        for (CompletableFuture<ProbeResult> result : results) {
          ProbeResult r = result.join();
          if (r.outcome() == Outcome.UP) {
            up++;
          } else if (r.errorKind() == io.statuskit.probes.ErrorKind.TIMEOUT) {
            timedOut++;
          }
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "%5d  %7.0f  %12.1f  %d  %d(%d)  %7d  %8d%n",
            round, wall / 1e6, cpu / 1e3 / targets, up, targets - up, timedOut,
            threads.getThreadCount(), os.getOpenFileDescriptorCount());
      }
    }
    System.out.printf(Locale.ROOT, "# load %.2f%n", os.getSystemLoadAverage());
  }
}

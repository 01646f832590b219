package io.statuskit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.statuskit.benchmarks.CpuProfiler}) that reports the CPU time
 * the benchmark JVM spent per operation, all its threads together (benchmark, selector, GC and
 * JIT threads), from {@code getrusage} as {@code OperatingSystemMXBean.getProcessCpuTime()}
 * gives it; the share of one core it got ({@code cpu.cores}); and the system load average at
 * the end of each iteration. On a shared machine wall-clock throughput falls with the load
 * while CPU per operation stays close to what the work costs, so the docs quote both.
 *
 * <p>Used by one JMH run at a time; not thread-safe.
 */
public final class CpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuBefore;
  private long wallBefore;

  /** JMH makes one per run. */
  public CpuProfiler() {}

  @Override
  public String getDescription() {
    return "process CPU time per operation (getrusage), cores used, load average";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    wallBefore = System.nanoTime();
    cpuBefore = os.getProcessCpuTime();
  }

  @Override
  public List<Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuBefore;
    long wall = System.nanoTime() - wallBefore;
    long ops = Math.max(1, result.getMetadata().getMeasuredOps());
    return List.of(
        new ScalarResult("cpu.us/op", cpu / 1e3 / ops, "us/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.cores", wall == 0 ? 0 : (double) cpu / wall, "cores", AggregationPolicy.AVG),
        new ScalarResult("load.avg", os.getSystemLoadAverage(), "load", AggregationPolicy.AVG));
  }
}

package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.Phase;
import io.statuskit.probes.ProbeDetails;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a built-in probe: its deadline timer, phase timings, details, the resources to
 * close when it ends (by result, timeout or cancellation), and the single result.
 *
 * <p>Thread-safe: the deadline fires on the timer thread while I/O callbacks run on others.
 */
public final class ProbeRun {
  private final ProbeContext context;
  private final Duration timeout;
  private final long start;
  private final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
  private final Map<Phase, Duration> timings = new EnumMap<>(Phase.class);
  private final ProbeDetails.Builder details = ProbeDetails.builder();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private volatile String activity = "connecting";
  private final List<String> warnings = new ArrayList<>();
  private @Nullable ScheduledFuture<?> timer;

  private ProbeRun(ProbeContext context, Duration timeout) {
    this.context = context;
    this.timeout = timeout;
    this.start = context.ticker().read();
  }

  /** Starts an attempt whose deadline is {@code timeout} from now. */
  public static ProbeRun start(ProbeContext context, Duration timeout) {
    ProbeRun run = new ProbeRun(context, timeout);
    run.result.whenComplete((r, e) -> run.cleanUp());
    try {
      ScheduledFuture<?> t =
          context
              .scheduler()
              .schedule(run::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (run) {
        run.timer = t;
      }
    } catch (RejectedExecutionException e) {
      run.result.complete(
          ProbeResult.down(ErrorKind.INTERNAL, "the probe engine is closed", Duration.ZERO));
    }
    return run;
  }

  public ProbeContext context() {
    return context;
  }

  public CompletableFuture<ProbeResult> result() {
    return result;
  }

  public boolean isDone() {
    return result.isDone();
  }

  /** Now on the ticker. */
  public long now() {
    return context.ticker().read();
  }

  public Duration elapsed() {
    return Duration.ofNanos(Math.max(0, now() - start));
  }

  /** What the probe is doing, for a timeout message: "waiting for the banner". */
  public void activity(String activity) {
    this.activity = activity;
  }

  /** Records a phase that started at {@code phaseStart} and ends now. */
  public synchronized void phase(Phase phase, long phaseStart) {
    timings.put(phase, Duration.ofNanos(Math.max(0, now() - phaseStart)));
  }

  /** Changes the details. */
  public synchronized void details(Consumer<ProbeDetails.Builder> change) {
    change.accept(details);
  }

  /** Closes {@code resource} when the attempt ends (at once if it already has). */
  public <T extends AutoCloseable> T own(T resource) {
    boolean closeNow;
    synchronized (this) {
      closeNow = result.isDone();
      if (!closeNow) {
        resources.add(resource);
      }
    }
    if (closeNow) {
      closeQuietly(resource);
    }
    return resource;
  }

  /** Ends the attempt with an outcome; false when it had already ended. */
  public boolean finish(Outcome outcome, @Nullable ErrorKind kind, String message) {
    ProbeResult r;
    synchronized (this) {
      if (result.isDone()) {
        return false;
      }
      r =
          ProbeResult.builder(outcome)
              .latency(elapsed())
              .timings(timings)
              .details(details.build())
              .error(kind, message)
              .build();
    }
    return result.complete(r);
  }

  /** Notes a warning: an otherwise good result becomes {@link Outcome#DEGRADED}. */
  public synchronized void warn(String warning) {
    warnings.add(warning);
  }

  /** Ends the attempt as up, or degraded with the warnings noted. */
  public boolean up() {
    String joined;
    synchronized (this) {
      joined = String.join("; ", warnings);
    }
    return joined.isEmpty() ? finish(Outcome.UP, null, "") : finish(Outcome.DEGRADED, null, joined);
  }

  /**
   * Ends the attempt when {@code steps} completes: {@link #up()} on success, {@link #fail} on an
   * exception.
   */
  public CompletableFuture<ProbeResult> finishWhen(CompletionStage<?> steps) {
    steps.whenComplete(
        (v, e) -> {
          if (e != null) {
            fail(e);
          } else {
            up();
          }
        });
    return result();
  }

  /** Ends the attempt from an exception (a {@link ProbeFailure} or an I/O error). */
  public boolean fail(Throwable t) {
    Throwable e = Failures.unwrap(t);
    if (result.isDone()) {
      return false;
    }
    if (e instanceof ProbeFailure) {
      ProbeFailure f = (ProbeFailure) e;
      return finish(f.outcome(), f.kind(), String.valueOf(f.getMessage()));
    }
    ErrorKind kind = Failures.kind(e);
    String message = Failures.message(e);
    if (kind == ErrorKind.RESET) {
      message = message + " while " + activity;
    }
    return finish(Outcome.DOWN, kind, message);
  }

  private void expire() {
    finish(
        Outcome.DOWN,
        ErrorKind.TIMEOUT,
        "timed out after " + Failures.show(timeout) + " while " + activity);
  }

  private void cleanUp() {
    List<AutoCloseable> toClose;
    ScheduledFuture<?> t;
    synchronized (this) {
      toClose = new ArrayList<>(resources);
      resources.clear();
      t = timer;
    }
    if (t != null) {
      t.cancel(false);
    }
    for (AutoCloseable c : toClose) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing after the result is known; nothing to report
    }
  }
}

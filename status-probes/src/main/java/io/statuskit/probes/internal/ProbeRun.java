package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.Phase;
import io.statuskit.probes.ProbeDetails;
import io.statuskit.probes.ProbeResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a built-in probe: its deadline timer, phase timings, details, the resources to
 * close when it ends (by result, timeout or cancellation), and the single result.
 *
 * <p>Thread-safe: the deadline fires on the timer thread while I/O callbacks run on others.
 */
public final class ProbeRun {
  private final RunContext context;
  private final Duration timeout;
  private final long start;
  private final CompletableFuture<ProbeResult> result = new Result();
  private static final Phase[] PHASES = Phase.values();
  private final long[] timings = new long[PHASES.length]; // nanos + 1; 0 = not recorded
  private ProbeDetails.@Nullable Builder details;
  private @Nullable InetAddress resolvedAddress;
  // the one resource most attempts own (their connection); more go to the list
  private @Nullable AutoCloseable resource;
  private @Nullable List<AutoCloseable> resources;
  // what the probe is doing, for messages: prefix + detail + suffix, joined only when needed
  private volatile String activity = "connecting";
  private volatile @Nullable Object activityDetail;
  private volatile String activitySuffix = "";
  private @Nullable List<String> warnings;
  private DeadlineTimer.@Nullable Deadline deadline;
  private final EngineServices.Lease lease; // the loops and the deadline timer of this attempt
  private boolean leaseReturned; // guarded by this

  private ProbeRun(RunContext context, Duration timeout) {
    this.context = context;
    this.timeout = timeout;
    this.start = context.ticker().read();
    this.lease = context.services().acquire();
  }

  /**
   * Starts an attempt whose deadline is {@code timeout} from now, on the threads the context's
   * services lease it: the engine's, or (for a context made {@linkplain RunContext#outside
   * outside} an engine) the shared ones.
   */
  public static ProbeRun start(RunContext context, Duration timeout) {
    ProbeRun run = new ProbeRun(context, timeout);
    try {
      DeadlineTimer.Deadline d = run.lease.deadlines().schedule(timeout.toNanos(), run::expire);
      synchronized (run) {
        run.deadline = d;
      }
    } catch (IllegalStateException e) {
      run.finish(Outcome.DOWN, ErrorKind.INTERNAL, "the probe engine is closed");
    }
    return run;
  }

  /** The services of this attempt: its engine's, or the shared ones. */
  public EngineServices services() {
    return context.services();
  }

  /** The I/O loops sockets of this attempt run on. */
  public IoLoops loops() {
    return lease.loops();
  }

  /** The result; cancelling it ends the attempt and closes what it owns. */
  private final class Result extends CompletableFuture<ProbeResult> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        cleanUp();
      }
      return cancelled;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      boolean completed = super.completeExceptionally(ex);
      if (completed) {
        cleanUp();
      }
      return completed;
    }
  }

  public RunContext context() {
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
    this.activityDetail = null;
    this.activity = activity;
  }

  /**
   * Like {@link #activity(String)} with the text {@code prefix + detail + suffix}, joined only if a
   * message needs it (an {@link InetSocketAddress} detail shows as host:port).
   */
  public void activity(String prefix, Object detail, String suffix) {
    this.activitySuffix = suffix;
    this.activityDetail = detail;
    this.activity = prefix;
  }

  private String activityText() {
    String prefix = activity;
    Object detail = activityDetail;
    if (detail == null) {
      return prefix;
    }
    String shown =
        detail instanceof InetSocketAddress
            ? TcpStream.show((InetSocketAddress) detail)
            : String.valueOf(detail);
    return prefix + shown + activitySuffix;
  }

  /** Records a phase that started at {@code phaseStart} and ends now. */
  public synchronized void phase(Phase phase, long phaseStart) {
    timings[phase.ordinal()] = Math.max(0, now() - phaseStart) + 1;
  }

  /** Changes the details. */
  public synchronized void details(Consumer<ProbeDetails.Builder> change) {
    ProbeDetails.Builder d = details;
    if (d == null) {
      d = ProbeDetails.builder();
      details = d;
    }
    change.accept(d);
  }

  /** Records the address connected to (a cheaper {@code details(d -> d.resolvedAddress(a))}). */
  public synchronized void resolvedAddress(InetAddress address) {
    resolvedAddress = address;
  }

  /** Closes {@code resource} when the attempt ends (at once if it already has). */
  public <T extends AutoCloseable> T own(T resource) {
    boolean closeNow;
    synchronized (this) {
      closeNow = result.isDone();
      if (!closeNow) {
        if (this.resource == null) {
          this.resource = resource;
        } else {
          List<AutoCloseable> more = resources;
          if (more == null) {
            more = new ArrayList<>(2);
            resources = more;
          }
          more.add(resource);
        }
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
      Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
      for (int i = 0; i < timings.length; i++) {
        if (timings[i] != 0) {
          phases.put(PHASES[i], Duration.ofNanos(timings[i] - 1));
        }
      }
      ProbeDetails shown;
      ProbeDetails.Builder d = details;
      if (d != null) {
        if (resolvedAddress != null) {
          d.resolvedAddress(resolvedAddress);
        }
        shown = d.build();
      } else if (resolvedAddress != null) {
        shown = ProbeDetails.builder().resolvedAddress(resolvedAddress).build();
      } else {
        shown = ProbeDetails.none();
      }
      r =
          ProbeResult.builder(outcome)
              .latency(elapsed())
              .timings(phases)
              .details(shown)
              .error(kind, message)
              .build();
    }
    if (!result.complete(r)) {
      return false;
    }
    cleanUp();
    return true;
  }

  /** Notes a warning: an otherwise good result becomes {@link Outcome#DEGRADED}. */
  public synchronized void warn(String warning) {
    List<String> w = warnings;
    if (w == null) {
      w = new ArrayList<>(2);
      warnings = w;
    }
    w.add(warning);
  }

  /** Ends the attempt as up, or degraded with the warnings noted. */
  public boolean up() {
    String joined;
    synchronized (this) {
      List<String> w = warnings;
      joined = w == null ? "" : String.join("; ", w);
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
      message = message + " while " + activityText();
    }
    return finish(Outcome.DOWN, kind, message);
  }

  private void expire() {
    finish(
        Outcome.DOWN,
        ErrorKind.TIMEOUT,
        "timed out after " + Failures.show(timeout) + " while " + activityText());
  }

  private void cleanUp() {
    AutoCloseable first;
    List<AutoCloseable> more;
    DeadlineTimer.Deadline d;
    boolean giveBack;
    synchronized (this) {
      giveBack = !leaseReturned;
      leaseReturned = true;
      first = resource;
      more = resources;
      resource = null;
      resources = null;
      d = deadline;
    }
    if (d != null) {
      d.cancel();
    }
    if (first != null) {
      closeQuietly(first);
    }
    if (more != null) {
      for (AutoCloseable c : more) {
        closeQuietly(c);
      }
    }
    if (giveBack) {
      context.services().release(lease);
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

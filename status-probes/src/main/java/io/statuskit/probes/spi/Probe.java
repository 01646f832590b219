package io.statuskit.probes.spi;

import io.statuskit.probes.ProbeResult;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One check of one target, such as "connect to mail.example.net:25 and expect a 220 banner".
 *
 * <p>A probe is a description; {@link #run} starts one attempt and returns at once. The returned
 * stage completes with a result by {@link #timeout()} at the latest: a probe turns its own
 * failures (refused, timed out, wrong answer) into a {@link ProbeResult} rather than completing
 * exceptionally. Cancelling the stage ({@code toCompletableFuture().cancel(true)}) must release
 * every socket the attempt opened. {@link io.statuskit.probes.ProbeEngine#run} enforces the
 * deadline and maps exceptions for probes that do not.
 *
 * <p>Implementations must be immutable and thread-safe; {@code run} may be called concurrently,
 * and must not block the calling thread.
 */
public interface Probe {
  /** The type name, as in configuration: {@code tcp}, {@code http}, or a host's own. */
  String type();

  /** What is probed, for people: {@code "mail.example.net:25"}, a URL, a DNS question. */
  String target();

  /** The hard deadline of one attempt, from the call to {@link #run} to its result. */
  Duration timeout();

  /**
   * Starts one attempt.
   *
   * @param context the clock, ticker, timer and channel group to use
   * @return a stage completing with the result within {@link #timeout()}
   */
  CompletionStage<ProbeResult> run(ProbeContext context);
}

package io.statuskit.testkit.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Subscription;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.NinerNetSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link StatusStore} as its javadoc states it, as JUnit 5 tests: extend this
 * class, say how to make the store in a directory, and every test here runs against it.
 *
 * <pre>{@code
 * class JournalStatusStoreContractTest extends StatusStoreContract {
 *   @Override
 *   protected StatusStore createStore(Path dir) {
 *     return JournalStatusStore.open(dir);
 *   }
 * }
 * }</pre>
 *
 * <p>Checked: an empty store loads the empty board; {@code load()} gives the board that replaying
 * the kept events gives; append stages complete in sequence order; an append whose sequence does
 * not follow the last kept event (a gap, a repeat, not starting at 1) is refused, thrown or as a
 * stage failing with {@link StoreException}, and nothing of it is kept, and appends go on from
 * the last kept event; a closed store refuses appends, loads and pings ("later calls fail"); a tracker's concurrent commands
 * are all kept; a healthy store answers {@code ping()}, and one whose backing the test broke ({@link #breakBacking}: a
 * journal's directory removed) fails it with a {@link StoreException}. When {@link #isDurable()}: kept events, and only those, survive close and {@link
 * #reopen}, and a tracker on the reopened store goes on where it stopped. A repeated sequence
 * fails with a {@link StoreConflictException}; {@code eventsAfter} returns the kept events after a
 * version. When {@link #createSecondWriter} gives a second writer on the same data: a race for a
 * version is a typed conflict that keeps nothing, the second writer reads and is told of what the
 * first kept, two trackers, one on each, converge on one board under concurrent commands, and
 * monitors on both reporting one outage at once open one incident.
 *
 * <p>Events come from {@link NinerNetSample}, so a failure names real servers and posts. Each test
 * gets its own temporary directory and closes the stores it opened. Not thread-safe; JUnit runs
 * one instance per test.
 */
public abstract class StatusStoreContract {
  private final List<StatusStore> opened = Collections.synchronizedList(new ArrayList<>());

  /** Makes a new, empty store that keeps its data in {@code dir} (which a test owns). */
  protected abstract StatusStore createStore(Path dir) throws Exception;

  /**
   * Opens the store again on {@code dir} after it was closed, as a restarted host would. By
   * default {@link #createStore}.
   */
  protected StatusStore reopen(Path dir) throws Exception {
    return createStore(dir);
  }

  /**
   * A second writer on the same data as {@code first}, as a second node opens the same database;
   * null when the store has one writer only (the journal's directory lock refuses a second), and
   * then the second-writer tests are skipped with that reason.
   */
  protected @Nullable StatusStore createSecondWriter(StatusStore first, Path dir) throws Exception {
    return null;
  }

  /** Whether kept events survive close and reopen; the reopen tests are skipped when not. */
  protected boolean isDurable() {
    return true;
  }

  /**
   * Breaks what {@code store} keeps its events in, so that it can no longer keep any (a journal:
   * its directory removed; a database: its connections cut and refused), and returns true; or
   * returns false when a test cannot do that to this store (it keeps everything in memory), and
   * the test that {@link StatusStore#ping()} then fails is skipped. By default false.
   *
   * @param store the store, as {@link #createStore} made it on {@code dir}
   * @param dir the directory it was made on
   */
  protected boolean breakBacking(StatusStore store, Path dir) throws Exception {
    return false;
  }

  /** How long a test waits for an append to complete. */
  protected Duration timeout() {
    return Duration.ofSeconds(10);
  }

  @AfterEach
  void closeStores() {
    synchronized (opened) {
      for (StatusStore store : opened) {
        try {
          store.close();
        } catch (RuntimeException e) {
          // closed already, or refusing a second close: either is fine here
        }
      }
      opened.clear();
    }
  }

  // ---------------------------------------------------------------- load and append

  @Test
  void anEmptyStoreLoadsTheEmptyBoard(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);

    assertThat(store.load()).isEqualTo(StatusBoard.empty());
  }

  @Test
  void loadGivesTheBoardThatReplayingTheKeptEventsGives(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);

    appendAll(store, sample(), 0, sample().size());

    assertThat(store.load()).isEqualTo(NinerNetSample.board());
  }

  @Test
  void appendStagesCompleteInSequenceOrder(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    List<Step> steps = sample();
    AtomicReferenceArray<CompletableFuture<Void>> stages = new AtomicReferenceArray<>(steps.size());
    List<String> violations = Collections.synchronizedList(new ArrayList<>());

    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      CompletableFuture<Void> stage = store.append(step.event(), step.after()).toCompletableFuture();
      stages.set(i, stage);
      int index = i;
      // Checked when each stage completes: every earlier stage is already done. (Recording the
      // order in which callbacks run would race: a callback registered after its stage completed
      // runs on this thread, perhaps after later stages' callbacks ran on the store's thread.)
      stage.whenComplete(
          (ok, failure) -> {
            if (failure != null) {
              violations.add("event " + step.event().sequence() + " failed: " + failure);
            }
            for (int j = 0; j < index; j++) {
              if (!stages.get(j).isDone()) {
                violations.add("event " + step.event().sequence() + " completed before event " + steps.get(j).event().sequence());
              }
            }
          });
    }
    for (int i = 0; i < steps.size(); i++) {
      await(stages.get(i));
    }

    assertThat(violations).isEmpty();
  }

  @Test
  void anAppendWithAGapIsRefusedAndNothingOfItIsKept(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 3);

    assertRefused(() -> store.append(sample().get(4).event(), sample().get(4).after()), "event #5 after #3");

    assertThat(store.load()).isEqualTo(sample().get(2).after());
  }

  @Test
  void aRepeatedSequenceIsRefused(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 2);

    assertRefused(() -> store.append(sample().get(1).event(), sample().get(1).after()), "event #2 again");

    assertThat(store.load()).isEqualTo(sample().get(1).after());
  }

  @Test
  void theFirstEventMustHaveSequenceOne(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);

    assertRefused(() -> store.append(sample().get(1).event(), sample().get(1).after()), "event #2 first");

    assertThat(store.load()).isEqualTo(StatusBoard.empty());
  }

  @Test
  void appendsGoOnFromTheLastKeptEventAfterARefusal(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 3);
    assertRefused(() -> store.append(sample().get(4).event(), sample().get(4).after()), "event #5 after #3");

    appendAll(store, sample(), 3, sample().size());

    assertThat(store.load()).isEqualTo(NinerNetSample.board());
  }

  @Test
  void aClosedStoreRefusesAppends(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 1);

    store.close();

    assertRefused(() -> store.append(sample().get(1).event(), sample().get(1).after()), "an append after close");
  }

  @Test
  void aClosedStoreRefusesLoads(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 1);

    store.close();

    assertThatThrownBy(store::load).as("load after close").isInstanceOf(RuntimeException.class);
  }

  // ---------------------------------------------------------------- ping

  @Test
  void aHealthyStoreAnswersPings(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    store.ping();

    appendAll(store, sample(), 0, 3);

    store.ping();
    assertThat(store.load()).isEqualTo(sample().get(2).after());
  }

  @Test
  void aStoreThatCanNoLongerKeepEventsSaysSoWhenPinged(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 3);
    store.ping();

    assumeTrue(
        breakBacking(store, dir),
        () -> getClass().getSimpleName() + " cannot break what its store keeps events in (breakBacking is not overridden)");

    // A store may answer from a check it made a moment ago: ask until it fails, within the timeout.
    long deadline = System.nanoTime() + timeout().toNanos();
    while (true) {
      try {
        store.ping();
      } catch (StoreException e) {
        assertThat(e.getMessage()).as("why ping failed").isNotBlank();
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("ping() kept answering for " + timeout() + " after what the store keeps events in was broken");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aClosedStoreRefusesPings(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);

    store.close();

    assertThatThrownBy(store::ping).as("ping after close").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTrackersConcurrentCommandsAreAllKept(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
    int threads = 4;
    int commands = 25;
    StatusTracker tracker =
        StatusTracker.builder().clock(clock).store(store).listenerExecutor(Runnable::run).build();
    try {
      runConcurrently(tracker, clock, threads, commands);

      assertThat(tracker.board().version()).isEqualTo(threads + (long) threads * commands);
      assertThat(store.load()).isEqualTo(tracker.board());
    } finally {
      tracker.close();
    }
    if (isDurable()) {
      assertThat(reopened(dir).load().version()).isEqualTo(threads + (long) threads * commands);
    }
  }

  @Test
  void aRepeatedSequenceIsATypedConflict(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    List<Step> steps = sample();
    appendAll(store, steps, 0, 3);

    Throwable failure = failureOf(store.append(steps.get(2).event(), steps.get(2).after()));

    assertThat(failure).isInstanceOf(StoreConflictException.class);
    assertThat(((StoreConflictException) failure).sequence()).isEqualTo(3);
    assertThat(store.load()).isEqualTo(steps.get(2).after());
  }

  @Test
  void eventsAfterAVersionAreTheKeptOnesInOrder(@TempDir Path dir) throws Exception {
    StatusStore store = open(dir);
    List<Step> steps = sample();
    appendAll(store, steps, 0, 10);

    assertThat(store.eventsAfter(0)).containsExactlyElementsOf(events(steps, 0, 10));
    assertThat(store.eventsAfter(6)).containsExactlyElementsOf(events(steps, 6, 10));
    assertThat(store.eventsAfter(10)).isEmpty();
    assertThat(store.eventsAfter(11)).isEmpty();
  }

  @Test
  void aSecondWriterRacingForAVersionGetsATypedConflictAndKeepsNothing(@TempDir Path dir) throws Exception {
    StatusStore first = open(dir);
    StatusStore second = second(first, dir);
    List<Step> steps = sample();
    appendAll(first, steps, 0, 2);
    appendAll(second, steps, 2, 3); // the second writer follows what the first kept

    Throwable failure = failureOf(first.append(steps.get(2).event(), steps.get(2).after()));

    assertThat(failure).isInstanceOf(StoreConflictException.class);
    assertThat(first.eventsAfter(0)).containsExactlyElementsOf(events(steps, 0, 3));
    assertThat(first.load()).isEqualTo(second.load()).isEqualTo(steps.get(2).after());
  }

  @Test
  void aSecondWriterReadsAndIsToldOfWhatTheFirstKept(@TempDir Path dir) throws Exception {
    StatusStore first = open(dir);
    StatusStore second = second(first, dir);
    java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
    try (Subscription following = second.follow(told::countDown)) {
      List<Step> steps = sample();
      appendAll(first, steps, 0, 4);

      assertThat(told.await(timeout().toMillis(), TimeUnit.MILLISECONDS))
          .as("the second writer was told of the first's appends within %s", timeout())
          .isTrue();
      assertThat(second.eventsAfter(1)).containsExactlyElementsOf(events(steps, 1, 4));
    }
  }

  @Test
  void twoTrackersOnOneStoreConvergeUnderConcurrentCommands(@TempDir Path dir) throws Exception {
    StatusStore first = open(dir);
    StatusStore second = second(first, dir);
    ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
    int servers = 4;
    int commands = 25;
    try (StatusTracker a = StatusTracker.builder().clock(clock).store(first).build();
        StatusTracker b = StatusTracker.builder().clock(clock).store(second).build()) {
      for (int t = 0; t < servers; t++) {
        a.addServer(Server.builder("NC0" + (50 + t)).build());
      }
      ExecutorService executor = Executors.newFixedThreadPool(servers);
      List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < servers; t++) {
          String id = "NC0" + (50 + t);
          StatusTracker tracker = t % 2 == 0 ? a : b;
          writers.add(
              executor.submit(
                  () -> {
                    for (int i = 0; i < commands; i++) {
                      clock.advance(Duration.ofSeconds(1));
                      Status status = i % 2 == 0 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL;
                      acknowledged.add(
                          tracker.execute(new io.statuskit.core.Command.ObserveStatus(id, status, null, null)).sequence());
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get(timeout().toMillis() * 6, TimeUnit.MILLISECONDS);
        }
      } finally {
        executor.shutdownNow();
      }
      long last = servers + (long) servers * commands;
      assertThat(acknowledged).doesNotHaveDuplicates().hasSize(servers * commands);
      for (int i = 0; i < 600 && (a.board().version() < last || b.board().version() < last); i++) {
        Thread.sleep(10);
      }
      assertThat(a.board().version()).isEqualTo(last);
      assertThat(a.board()).isEqualTo(b.board());
    }
  }

  @Test
  void twoMonitorsOnTwoTrackersRacingToReportOneOutageOpenOneIncident(@TempDir Path dir) throws Exception {
    StatusStore first = open(dir);
    StatusStore second = second(first, dir);
    ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
    try (StatusTracker a = StatusTracker.builder().clock(clock).store(first).build();
        StatusTracker b = StatusTracker.builder().clock(clock).store(second).build()) {
      a.addServer(Server.builder("NC050").name("Mail server").build());
      java.time.OffsetDateTime since = java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> reports = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          StatusTracker tracker = t % 2 == 0 ? a : b;
          reports.add(
              executor.submit(
                  () -> {
                    for (int i = 0; i < 5; i++) {
                      tracker.execute(
                          new io.statuskit.core.Command.ReportHealth(
                              "NC050",
                              "monitor:NC050",
                              Status.MAJOR_OUTAGE,
                              "connect refused",
                              since,
                              io.statuskit.core.Command.OpenIncident.incident("NC050: Mail server shut down")
                                  .affecting("NC050", Status.MAJOR_OUTAGE)
                                  .build(),
                              null,
                              null));
                    }
                    return null;
                  }));
        }
        for (Future<?> report : reports) {
          report.get(timeout().toMillis() * 6, TimeUnit.MILLISECONDS);
        }
      } finally {
        executor.shutdownNow();
      }
      long last = 1 + 20;
      for (int i = 0; i < 600 && (a.board().version() < last || b.board().version() < last); i++) {
        Thread.sleep(10);
      }
      assertThat(a.board()).isEqualTo(b.board());
      assertThat(a.board().incidents()).as("one outage, one incident, whoever reported it").hasSize(1);
      assertThat(a.board().openIncidentFrom("monitor:NC050")).isPresent();
    }
  }

  private StatusStore second(StatusStore first, Path dir) throws Exception {
    StatusStore second = createSecondWriter(first, dir);
    if (second == null) {
      assumeTrue(false, getClass().getSimpleName() + ": this store has one writer only; second-writer tests skipped");
      throw new AssertionError("unreachable");
    }
    opened.add(second);
    return second;
  }

  private static List<StatusEvent> events(List<Step> steps, int from, int to) {
    List<StatusEvent> events = new ArrayList<>();
    for (int i = from; i < to; i++) {
      events.add(steps.get(i).event());
    }
    return events;
  }

  /** The failure of an append, which must fail (thrown or as its stage). */
  protected final Throwable failureOf(CompletionStage<Void> stage) throws InterruptedException {
    try {
      stage.toCompletableFuture().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return requireNonNull(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("append neither completed nor failed within " + timeout(), e);
    }
    throw new AssertionError("Expecting the append to be refused but the store kept it");
  }

  private void runConcurrently(StatusTracker tracker, ManualClock clock, int threads, int commands) throws Exception {
    for (int t = 0; t < threads; t++) {
      tracker.addServer(Server.builder("NC0" + (50 + t)).build());
    }
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String id = "NC0" + (50 + t);
        writers.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < commands; i++) {
                    clock.advance(Duration.ofSeconds(1));
                    tracker.observe(id, i % 2 == 0 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL);
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(timeout().toMillis() * 6, TimeUnit.MILLISECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- durability

  @Test
  void keptEventsSurviveCloseAndReopen(@TempDir Path dir) throws Exception {
    assumeTrue(isDurable(), "the store is not durable");
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, sample().size());

    store.close();

    assertThat(reopened(dir).load()).isEqualTo(NinerNetSample.board());
  }

  @Test
  void aRefusedAppendIsNotThereAfterReopen(@TempDir Path dir) throws Exception {
    assumeTrue(isDurable(), "the store is not durable");
    StatusStore store = open(dir);
    appendAll(store, sample(), 0, 3);
    assertRefused(() -> store.append(sample().get(4).event(), sample().get(4).after()), "event #5 after #3");

    store.close();
    StatusStore again = reopened(dir);

    assertThat(again.load()).isEqualTo(sample().get(2).after());
    appendAll(again, sample(), 3, 5);
    assertThat(again.load()).isEqualTo(sample().get(4).after());
  }

  @Test
  void aTrackerOnAReopenedStoreGoesOnWhereItStopped(@TempDir Path dir) throws Exception {
    assumeTrue(isDurable(), "the store is not durable");
    ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
    StatusBoard before;
    try (StatusTracker tracker = StatusTracker.builder().clock(clock).store(open(dir)).listenerExecutor(Runnable::run).build()) {
      NinerNetSample.populate(tracker);
      before = tracker.board();
    }

    try (StatusTracker tracker = StatusTracker.builder().clock(clock).store(reopened(dir)).listenerExecutor(Runnable::run).build()) {
      assertThat(tracker.board()).isEqualTo(before);
      clock.advance(Duration.ofMinutes(1));
      tracker.observe("NC036", Status.MAJOR_OUTAGE);
      before = tracker.board();
    }

    try (StatusTracker tracker = StatusTracker.builder().clock(clock).store(reopened(dir)).listenerExecutor(Runnable::run).build()) {
      assertThat(tracker.board()).isEqualTo(before);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.MAJOR_OUTAGE);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * An event and the board right after it.
   *
   * @param event the event
   * @param after the board after it
   */
  protected record Step(StatusEvent event, StatusBoard after) {}

  /** The sample's events, each with the board after it. */
  protected static ImmutableList<Step> sample() {
    return Sample.STEPS;
  }

  private static final class Sample {
    static final ImmutableList<Step> STEPS = steps();

    private static ImmutableList<Step> steps() {
      ImmutableList.Builder<Step> steps = ImmutableList.builder();
      StatusBoard board = StatusBoard.empty();
      for (StatusEvent event : NinerNetSample.events()) {
        board = board.apply(event);
        steps.add(new Step(event, board));
      }
      return steps.build();
    }
  }

  /** Creates a store and closes it after the test. */
  protected final StatusStore open(Path dir) throws Exception {
    StatusStore store = createStore(dir);
    opened.add(store);
    return store;
  }

  /** Reopens a store and closes it after the test. */
  protected final StatusStore reopened(Path dir) throws Exception {
    StatusStore store = reopen(dir);
    opened.add(store);
    return store;
  }

  /** Appends steps {@code [from, to)} one at a time, each awaited. */
  protected final void appendAll(StatusStore store, List<Step> steps, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      await(store.append(steps.get(i).event(), steps.get(i).after()));
    }
  }

  /** Waits for a stage, failing the test with the cause if it fails or takes too long. */
  protected final void await(CompletionStage<Void> stage) throws InterruptedException {
    try {
      stage.toCompletableFuture().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("append failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("append did not complete within " + timeout(), e);
    }
  }

  /**
   * Checks an append is refused: it throws, or its stage fails with a {@link StoreException}.
   */
  protected final void assertRefused(Supplier<CompletionStage<Void>> append, String what) throws InterruptedException {
    CompletionStage<Void> stage;
    try {
      stage = append.get();
    } catch (RuntimeException e) {
      return;
    }
    @Nullable Throwable failure = null;
    try {
      stage.toCompletableFuture().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException e) {
      fail("%s neither completed nor failed within %s", what, timeout());
    }
    if (failure == null) {
      fail("Expecting %s to be refused but the store kept it", what);
    }
    assertThat(failure).as("failure of %s", what).isInstanceOf(StoreException.class);
  }
}

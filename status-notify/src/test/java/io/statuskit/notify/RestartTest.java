package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.Receiver.Request;
import io.statuskit.notify.store.FileNotificationStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox is the journal: what was kept while no notifier ran, or while the receiver failed,
 * is delivered after a restart on the same directories, and a clean restart repeats nothing.
 */
class RestartTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Notifier start(StatusTracker tracker, JournalStatusStore journal, Path dir) {
    return Notifier.builder()
        .tracker(tracker, journal)
        .store(FileNotificationStore.open(dir))
        .pageUrl(URI.create("https://status.example.net/"))
        .targets(TargetPolicy.allowingLoopback())
        .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 0.5, 100))
        .flushInterval(Duration.ofMillis(20))
        .build();
  }

  @Test
  void whatWasKeptWhileNoNotifierRanOrTheReceiverFailedIsDeliveredAfterARestart(@TempDir Path dir) throws Exception {
    Path journalDir = dir.resolve("journal");
    Path notifyDir = dir.resolve("notify");
    AtomicReference<Answer> answer = new AtomicReference<>(Answer.OK);
    try (Receiver receiver = new Receiver(r -> answer.get())) {
      Subscriber subscriber;
      JournalStatusStore journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = start(tracker, journal, notifyDir)) {
        Scenario.servers(tracker);
        subscriber = notifier.addWebhook(receiver.url("/hook"), WebhookFormat.STATUSPAGE, Topics.everything());
      }

      List<Long> heard = new ArrayList<>();
      journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build()) {
        heard.addAll(Scenario.rounds(tracker, 2)); // no notifier running
      }

      answer.set(Answer.ERROR);
      journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = start(tracker, journal, notifyDir)) {
        heard.addAll(Scenario.rounds(tracker, 1));
        assertThat(Receiver.await(WAIT, () -> receiver.requests().size() >= 3)).isTrue();
        assertThat(notifier.deliveredThrough(subscriber.id())).hasValue(heard.get(0) - 1);
      }
      assertThat(receiver.requests()).extracting(Request::version).containsOnly(heard.get(0));

      answer.set(Answer.OK);
      long last;
      journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = start(tracker, journal, notifyDir)) {
        last = tracker.board().version();
        assertThat(Receiver.await(WAIT, () -> notifier.deliveredThrough(subscriber.id()).orElse(0) == last)).isTrue();
      }
      List<Long> accepted = new ArrayList<>();
      for (Request r : receiver.requests()) {
        if (r.answer() == Answer.OK) {
          accepted.add(r.version());
        }
      }
      assertThat(accepted).isEqualTo(heard);

      int before = receiver.requests().size();
      journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = start(tracker, journal, notifyDir)) {
        assertThat(notifier.deliveredThrough(subscriber.id()).orElse(-1)).isIn(-1L, last);
        assertThat(notifier.subscribers()).extracting(Subscriber::id).containsExactly(subscriber.id());
      }
      assertThat(receiver.requests()).as("a clean restart repeats nothing").hasSize(before);
    }
  }

  @Test
  void eventsTheJournalCompactedAwayBeforeTheyWereSentAreOneVisibleDeadLetter(@TempDir Path dir) throws Exception {
    Path notifyDir = dir.resolve("notify");
    try (Receiver receiver = new Receiver(r -> Answer.OK)) {
      JournalStatusStore journal = JournalStatusStore.open(
          dir.resolve("journal"), JournalStatusStore.options().segmentBytes(4096).snapshotEvery(20).build());
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build()) {
        Subscriber subscriber;
        long from;
        try (Notifier notifier = start(tracker, journal, notifyDir)) {
          Scenario.servers(tracker);
          subscriber = notifier.addWebhook(receiver.url("/hook"), WebhookFormat.STATUSPAGE, Topics.everything());
          from = tracker.board().version();
        }
        List<Long> missed = Scenario.rounds(tracker, 30); // no notifier running
        journal.snapshot();
        journal.snapshot();
        long gapEnd = tracker.board().version();
        try (Notifier notifier = start(tracker, journal, notifyDir)) {
          List<Long> heard = Scenario.rounds(tracker, 1);
          assertThat(Receiver.await(WAIT, () -> receiver.accepted(subscriber.id()).equals(heard)
                  && notifier.deadLetters().size() == 1))
              .as("received %s, dead letters %s", receiver.summary(), notifier.deadLetters())
              .isTrue();
          DeadLetter letter = notifier.deadLetters().get(0);
          assertThat(letter.subscriberId()).isEqualTo(subscriber.id());
          assertThat(letter.version()).isEqualTo(from + 1);
          assertThat(letter.lastError()).isEqualTo(
              "events " + (from + 1) + ".." + gapEnd + " were no longer in the store when they were due");
          assertThat(missed).allMatch(v -> v <= gapEnd);
        }
      }
    }
  }
}

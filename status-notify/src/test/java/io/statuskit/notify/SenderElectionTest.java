package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.Receiver.Request;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.spi.SenderElection;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two notifiers on one tracker and one shared store (the in-memory store with its in-process
 * election): only the lease holder sends, a subscriber added through the other notifier is heard
 * of by the holder, and when the holder closes, the other takes over from the recorded cursors and
 * sends the rest, nothing twice.
 */
class SenderElectionTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The shared store, left open when one notifier closes (a notifier closes its store). */
  private static final class Shared implements NotificationStore {
    final InMemoryNotificationStore store = new InMemoryNotificationStore();

    @Override
    public NotificationState load() {
      return store.load();
    }

    @Override
    public void put(Subscriber subscriber) {
      store.put(subscriber);
    }

    @Override
    public void remove(String subscriberId) {
      store.remove(subscriberId);
    }

    @Override
    public void record(List<DeadLetter> deadLetters, Map<String, Long> cursors) {
      store.record(deadLetters, cursors);
    }

    @Override
    public boolean record(List<DeadLetter> deadLetters, Map<String, Long> cursors, long fencingToken) {
      return store.record(deadLetters, cursors, fencingToken);
    }

    @Override
    public Optional<SenderElection> senderElection() {
      return store.senderElection();
    }

    @Override
    public void clearDeadLetters(String subscriberId) {
      store.clearDeadLetters(subscriberId);
    }

    @Override
    public void close() {
      // shared: the test closes the real store
    }
  }

  private static Notifier notifier(StatusTracker tracker, InMemoryStatusStore events, Shared store, String name) {
    return Notifier.builder()
        .tracker(tracker, events)
        .store(store)
        .pageUrl(URI.create("https://status.example.net/" + name + "/"))
        .nodeName(name)
        .leaseDuration(Duration.ofMillis(600))
        .targets(TargetPolicy.allowingLoopback())
        .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 0.5, 100))
        .flushInterval(Duration.ofMillis(20))
        .build();
  }

  @Test
  void onlyTheLeaseHolderSendsAndTheOtherTakesOverWhenItStops() throws Exception {
    InMemoryStatusStore events = new InMemoryStatusStore();
    Shared shared = new Shared();
    try (Receiver receiver = new Receiver(r -> Answer.OK);
        StatusTracker tracker = StatusTracker.builder().store(events).build()) {
      Scenario.servers(tracker);
      Notifier a = notifier(tracker, events, shared, "node-a");
      Notifier b = notifier(tracker, events, shared, "node-b");
      try {
        assertThat(Receiver.await(WAIT, a::isSending)).as("the first one took the lease").isTrue();
        assertThat(b.isSending()).isFalse();
        // added through the notifier that does not send: the sender finds it in the store
        Subscriber hook = b.addWebhook(receiver.url("/hook"), WebhookFormat.STATUSPAGE, Topics.everything());
        List<Long> heard = new ArrayList<>(Scenario.rounds(tracker, 3));
        long first = tracker.board().version();
        assertThat(Receiver.await(WAIT, () -> a.deliveredThrough(hook.id()).orElse(0) == first)).isTrue();
        Thread.sleep(300);
        assertThat(receiver.requests()).extracting(Request::version).containsExactlyElementsOf(heard);
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.header("User-Agent")).contains("/node-a/"));

        a.close(); // records its cursors and gives the lease up
        heard.addAll(Scenario.rounds(tracker, 2));
        long last = tracker.board().version();
        assertThat(Receiver.await(WAIT, b::isSending)).as("node-b took over").isTrue();
        assertThat(Receiver.await(WAIT, () -> b.deliveredThrough(hook.id()).orElse(0) == last)).isTrue();
        Thread.sleep(300);
        assertThat(receiver.requests()).extracting(Request::version).as("each once, in order").containsExactlyElementsOf(heard);
        assertThat(receiver.requests().subList(15, heard.size()))
            .allSatisfy(r -> assertThat(r.header("User-Agent")).contains("/node-b/"));
        assertThat(shared.load().cursors()).containsEntry(hook.id(), last);
      } finally {
        a.close();
        b.close();
        shared.store.close();
      }
    }
  }
}

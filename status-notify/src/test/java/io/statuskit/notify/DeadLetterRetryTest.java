package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An operator sends dead letters again ({@link Notifier#retryDeadLetters}): they leave the store,
 * arrive at the receiver with their original idempotency keys once it answers again, and a
 * subscriber without dead letters retries none.
 */
class DeadLetterRetryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void retriedDeadLettersArriveWithTheirKeysAndLeaveTheStore() throws Exception {
    AtomicBoolean failing = new AtomicBoolean(true);
    try (Receiver receiver = new Receiver(r -> failing.get() && r.path().equals("/down") ? Answer.ERROR : Answer.OK);
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier =
            Notifier.builder()
                .tracker(tracker, store)
                .store(new InMemoryNotificationStore())
                .pageUrl(URI.create("https://status.example.net/"))
                .targets(TargetPolicy.allowingLoopback())
                .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 0, 2))
                .flushInterval(Duration.ofMillis(20))
                .build()) {
      Scenario.servers(tracker);
      Subscriber down = notifier.addWebhook(receiver.url("/down"), WebhookFormat.STATUSPAGE, Topics.everything());
      Subscriber up = notifier.addWebhook(receiver.url("/up"), WebhookFormat.STATUSPAGE, Topics.everything());
      List<Long> heard = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(WAIT, () -> notifier.deadLetters().size() == heard.size())).isTrue();
      assertThat(notifier.deadLetters()).extracting(DeadLetter::version).containsExactlyElementsOf(heard);
      assertThat(receiver.accepted(down.id())).isEmpty();

      assertThat(notifier.retryDeadLetters(up.id())).as("a subscriber without dead letters").isZero();
      failing.set(false);
      assertThat(notifier.retryDeadLetters(down.id())).isEqualTo(heard.size());
      assertThat(notifier.deadLetters()).as("taken out of the store").isEmpty();
      assertThat(Receiver.await(WAIT, () -> receiver.accepted(down.id()).size() == heard.size())).isTrue();
      assertThat(receiver.accepted(down.id())).containsExactlyElementsOf(heard);
      assertThat(receiver.requests(down.id()))
          .filteredOn(r -> r.answer() == Answer.OK)
          .extracting(Receiver.Request::key)
          .containsExactlyElementsOf(heard.stream().map(v -> down.id() + ":" + v).toList());
      Thread.sleep(100); // a flush: nothing is dead-lettered again
      assertThat(notifier.deadLetters()).isEmpty();
      assertThat(notifier.retryDeadLetters(down.id())).isZero();
    }
  }
}

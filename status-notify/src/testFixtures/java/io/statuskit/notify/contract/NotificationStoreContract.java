package io.statuskit.notify.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.IncidentKind;
import io.statuskit.notify.Channel;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.spi.SenderElection;
import io.statuskit.notify.spi.SenderLease;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationStore} promises (its javadoc), run against the in-memory, file
 * and PostgreSQL stores: subscribers kept in the order added with every field, cursors that only
 * move forward, dead letters in order and only of kept subscribers, removal with cursor and dead
 * letters, durability across a reopen (where the store is durable), and, where the store has a
 * {@link SenderElection}, one lease holder at a time and cursor writes fenced by its token.
 */
public abstract class NotificationStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456789Z");

  private final List<NotificationStore> opened = new ArrayList<>();

  /** A new, empty store. */
  protected abstract NotificationStore create();

  /**
   * The same store again after {@code closed} was closed (what a restart sees), or {@code null}
   * when the store keeps nothing past its close.
   */
  protected abstract @Nullable NotificationStore reopen(NotificationStore closed);

  private NotificationStore store() {
    NotificationStore s = create();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    for (NotificationStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // closed by the test already
      }
    }
  }

  /** A webhook subscriber with every topic field set. */
  protected static Subscriber webhook(String id, long since) {
    return new Subscriber(
        id,
        new Channel.Webhook(URI.create("https://hooks.example.net/" + id + "?a=1&b=%C3%A9"), WebhookFormat.SLACK,
            "whsec_0123456789abcdef-" + id),
        new Topics(ImmutableSet.of("NC027", "NC003"), ImmutableSet.of("mail-relay"), ImmutableSet.of("network"),
            ImmutableSet.of(IncidentKind.MAINTENANCE, IncidentKind.INCIDENT), false),
        true,
        since,
        T0,
        "token-0123456789abcdef-" + id);
  }

  /** An unconfirmed e-mail subscriber hearing everything. */
  protected static Subscriber email(String id, long since) {
    return new Subscriber(id, new Channel.Email("ops+" + id + "@example.net"), Topics.everything(), false, since,
        T0.plusSeconds(1), "token-fedcba9876543210-" + id);
  }

  private static DeadLetter letter(String id, long version) {
    return new DeadLetter(id, version, 10, "HTTP 500 \"it's\" down\nreally", T0.plusMillis(version));
  }

  @Test
  void aNewStoreIsEmpty() {
    assertThat(store().load()).isEqualTo(NotificationState.empty());
  }

  @Test
  void keepsSubscribersWithEveryFieldInTheOrderAddedAndTheirCursorAtSince() {
    NotificationStore s = store();
    Subscriber b = webhook("wh_bbbbbbbb", 7);
    Subscriber a = email("em_aaaaaaaa", 3);
    s.put(b);
    s.put(a);
    NotificationState state = s.load();
    assertThat(state.subscribers().values()).containsExactly(b, a);
    assertThat(state.cursors()).isEqualTo(ImmutableMap.of("wh_bbbbbbbb", 7L, "em_aaaaaaaa", 3L));
    assertThat(state.deadLetters()).isEmpty();
  }

  @Test
  void replacingASubscriberKeepsItsPlaceAndSetsItsCursorToTheNewSince() {
    NotificationStore s = store();
    Subscriber a = email("em_aaaaaaaa", 3);
    s.put(a);
    s.put(webhook("wh_bbbbbbbb", 4));
    s.record(List.of(), Map.of("em_aaaaaaaa", 9L));
    Subscriber confirmed = a.confirmedAt(12);
    s.put(confirmed);
    NotificationState state = s.load();
    assertThat(state.subscribers().keySet()).containsExactly("em_aaaaaaaa", "wh_bbbbbbbb");
    assertThat(state.subscribers().get("em_aaaaaaaa")).isEqualTo(confirmed);
    assertThat(state.cursors()).containsEntry("em_aaaaaaaa", 12L).containsEntry("wh_bbbbbbbb", 4L);
  }

  @Test
  void cursorsMoveOnlyForwardAndOnlyForKeptSubscribers() {
    NotificationStore s = store();
    s.put(webhook("wh_aaaaaaaa", 5));
    s.put(webhook("wh_bbbbbbbb", 5));
    s.record(List.of(), Map.of("wh_aaaaaaaa", 9L, "wh_bbbbbbbb", 6L, "wh_unknown1", 40L));
    s.record(List.of(), Map.of("wh_aaaaaaaa", 8L));
    NotificationState state = s.load();
    assertThat(state.cursors()).isEqualTo(ImmutableMap.of("wh_aaaaaaaa", 9L, "wh_bbbbbbbb", 6L));
    assertThat(state.subscribers()).doesNotContainKey("wh_unknown1");
  }

  @Test
  void keepsDeadLettersInOrderOnlyOfKeptSubscribersAndClearsThemPerSubscriber() {
    NotificationStore s = store();
    s.put(webhook("wh_aaaaaaaa", 1));
    s.put(webhook("wh_bbbbbbbb", 1));
    s.record(List.of(letter("wh_bbbbbbbb", 3), letter("wh_aaaaaaaa", 2), letter("wh_unknown1", 2)),
        Map.of("wh_aaaaaaaa", 2L, "wh_bbbbbbbb", 3L));
    s.record(List.of(letter("wh_aaaaaaaa", 4)), Map.of("wh_aaaaaaaa", 4L));
    assertThat(s.load().deadLetters())
        .containsExactly(letter("wh_bbbbbbbb", 3), letter("wh_aaaaaaaa", 2), letter("wh_aaaaaaaa", 4));
    s.clearDeadLetters("wh_aaaaaaaa");
    s.clearDeadLetters("wh_unknown1");
    assertThat(s.load().deadLetters()).containsExactly(letter("wh_bbbbbbbb", 3));
    assertThat(s.load().cursors()).containsEntry("wh_aaaaaaaa", 4L);
  }

  @Test
  void removingASubscriberRemovesItsCursorAndDeadLetters() {
    NotificationStore s = store();
    s.put(webhook("wh_aaaaaaaa", 1));
    s.put(webhook("wh_bbbbbbbb", 1));
    s.record(List.of(letter("wh_aaaaaaaa", 2), letter("wh_bbbbbbbb", 2)), Map.of("wh_aaaaaaaa", 2L));
    s.remove("wh_aaaaaaaa");
    s.remove("wh_unknown1");
    NotificationState state = s.load();
    assertThat(state.subscribers().keySet()).containsExactly("wh_bbbbbbbb");
    assertThat(state.cursors()).isEqualTo(ImmutableMap.of("wh_bbbbbbbb", 1L));
    assertThat(state.deadLetters()).containsExactly(letter("wh_bbbbbbbb", 2));
    s.put(webhook("wh_aaaaaaaa", 6));
    assertThat(s.load().cursors()).containsEntry("wh_aaaaaaaa", 6L);
    assertThat(s.load().subscribers().keySet()).containsExactly("wh_bbbbbbbb", "wh_aaaaaaaa");
  }

  @Test
  void whatWasKeptIsThereAfterAReopen() {
    NotificationStore s = create();
    s.put(webhook("wh_aaaaaaaa", 1));
    s.put(email("em_bbbbbbbb", 2));
    s.record(List.of(letter("wh_aaaaaaaa", 3)), Map.of("wh_aaaaaaaa", 5L));
    NotificationState before = s.load();
    s.close();
    NotificationStore again = reopen(s);
    if (again == null) {
      assumeTrue(false, "this store keeps nothing past its close");
      return;
    }
    opened.add(again);
    assertThat(again.load()).isEqualTo(before);
  }

  @Test
  void aClosedStoreRefusesCalls() {
    NotificationStore s = create();
    s.close();
    assertThatThrownBy(s::load).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.put(webhook("wh_aaaaaaaa", 1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void oneLeaseHolderAtATimeAndCursorWritesFencedByTheNewestToken() throws Exception {
    NotificationStore s = store();
    Optional<SenderElection> maybe = s.senderElection();
    assumeTrue(maybe.isPresent(), "this store is for one node and has no shared election");
    SenderElection election = maybe.get();
    s.put(webhook("wh_aaaaaaaa", 1));

    SenderLease a = election.tryAcquire("node-a", Duration.ofSeconds(30)).orElseThrow();
    assertThat(a.holder()).isEqualTo("node-a");
    assertThat(election.tryAcquire("node-b", Duration.ofSeconds(30))).isEmpty();
    assertThat(election.tryAcquire("node-a", Duration.ofSeconds(30))).contains(a);
    assertThat(s.record(List.of(), Map.of("wh_aaaaaaaa", 3L), a.fencingToken())).isTrue();

    election.release(a);
    SenderLease b = election.tryAcquire("node-b", Duration.ofMillis(400)).orElseThrow();
    assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
    assertThat(s.record(List.of(letter("wh_aaaaaaaa", 4)), Map.of("wh_aaaaaaaa", 4L), a.fencingToken()))
        .as("the old holder's write after a takeover").isFalse();
    assertThat(s.load().cursors()).containsEntry("wh_aaaaaaaa", 3L);
    assertThat(s.load().deadLetters()).isEmpty();
    assertThat(s.record(List.of(), Map.of("wh_aaaaaaaa", 5L), b.fencingToken())).isTrue();
    assertThat(s.load().cursors()).containsEntry("wh_aaaaaaaa", 5L);

    // b stops renewing: once its lease expired, a takes over with a newer token
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<SenderLease> taken = Optional.empty();
    while (taken.isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.sleep(50);
      taken = election.tryAcquire("node-a", Duration.ofSeconds(30));
    }
    assertThat(taken).as("taken over after the lease expired").isPresent();
    assertThat(taken.get().fencingToken()).isGreaterThan(b.fencingToken());
    assertThat(s.record(List.of(), Map.of("wh_aaaaaaaa", 6L), b.fencingToken())).isFalse();
    assertThat(s.load().cursors()).containsEntry("wh_aaaaaaaa", 5L);
    assertThat(election.tryAcquire("node-b", Duration.ofSeconds(30))).isEmpty();
  }
}

package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.Receiver.Request;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Webhooks against a real receiver on 127.0.0.1 that fails, resets, hangs and answers slowly. */
class WebhookDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Notifier.Builder notifier(StatusTracker tracker, InMemoryStatusStore store) {
    return Notifier.builder()
        .tracker(tracker, store)
        .store(new InMemoryNotificationStore())
        .pageUrl(URI.create("https://status.example.net/"))
        .targets(TargetPolicy.allowingLoopback())
        .flushInterval(Duration.ofMillis(20))
        .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, 50))
        .jitterSeed(14);
  }

  @Test
  void everyNotificationArrivesInOrderThroughErrorsResetsTimeoutsAndSlowAnswers() throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Answer[] firstAnswers = {Answer.ERROR, Answer.RESET, Answer.HANG, Answer.SLOW, Answer.OK};
    try (Receiver receiver =
            new Receiver(
                request -> {
                  if (request.path().equals("/dead")) {
                    return Answer.ERROR;
                  }
                  if (request.path().equals("/steady")) {
                    return Answer.OK;
                  }
                  int attempt = attempts.computeIfAbsent(request.key(), k -> new AtomicInteger()).incrementAndGet();
                  long v = request.version();
                  if (attempt == 1) {
                    return firstAnswers[(int) (v % firstAnswers.length)];
                  }
                  return attempt == 2 && v % 3 == 0 ? Answer.ERROR : Answer.OK;
                });
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier =
            notifier(tracker, store)
                .requestTimeout(Duration.ofMillis(400))
                .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 0.5, 4))
                .build()) {
      Scenario.servers(tracker);
      Subscriber flaky = notifier.addWebhook(receiver.url("/flaky"), WebhookFormat.STATUSPAGE, Topics.everything());
      Subscriber steady = notifier.addWebhook(receiver.url("/steady"), WebhookFormat.SLACK, Topics.everything());
      Subscriber dead = notifier.addWebhook(receiver.url("/dead"), WebhookFormat.TEAMS, Topics.everything());

      List<Long> heard = Scenario.rounds(tracker, 4);
      long last = tracker.board().version();

      assertThat(Receiver.await(WAIT, () -> notifier.deliveredThrough(flaky.id()).orElse(0) == last
              && notifier.deliveredThrough(steady.id()).orElse(0) == last
              && notifier.deadLetters().size() == heard.size()))
          .as("all delivered or dead-lettered; requests: %s", receiver.requests().size())
          .isTrue();

      for (Subscriber s : List.of(flaky, steady)) {
        List<Request> requests = receiver.requests(s.id());
        List<Long> versions = new ArrayList<>();
        Map<Long, String> bodies = new HashMap<>();
        List<Long> answered = new ArrayList<>();
        for (Request r : requests) {
          versions.add(r.version());
          String body = Receiver.text(r.body());
          assertThat(bodies.putIfAbsent(r.version(), body)).as("a retry repeats the body").isIn(null, body);
          assertThat(r.header("StatusKit-Signature")).isEqualTo(WebhookSignature.sign(
              ((Channel.Webhook) s.channel()).secret(), Long.parseLong(r.header("StatusKit-Timestamp")), r.body()));
          if (r.answer() == Answer.OK || r.answer() == Answer.SLOW) {
            answered.add(r.version());
          }
        }
        assertThat(versions).as("in order, one at a time").isSorted();
        assertThat(versions.stream().distinct().toList()).as("every heard event, nothing else").isEqualTo(heard);
        assertThat(answered).as("each accepted at least once").containsAll(heard);
      }
      assertThat(receiver.requests(flaky.id()).stream().map(Request::answer))
          .contains(Answer.ERROR, Answer.RESET, Answer.HANG, Answer.SLOW);

      assertThat(notifier.deadLetters()).extracting(DeadLetter::version).containsExactlyElementsOf(heard);
      assertThat(notifier.deadLetters()).allSatisfy(d -> {
        assertThat(d.subscriberId()).isEqualTo(dead.id());
        assertThat(d.attempts()).isEqualTo(4);
        assertThat(d.lastError()).isEqualTo("HTTP 500");
      });
      assertThat(receiver.requests(dead.id())).hasSize(4 * heard.size());
      assertThat(notifier.deliveredThrough(dead.id())).hasValue(last);
    }
  }

  @Test
  void aReceiverThatHangsDelaysNeitherTheTrackerNorOtherSubscribers() throws Exception {
    try (Receiver receiver = new Receiver(r -> r.path().equals("/hangs") ? Answer.HANG : Answer.OK);
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store).requestTimeout(Duration.ofSeconds(60)).build()) {
      Scenario.servers(tracker);
      Subscriber hangs = notifier.addWebhook(receiver.url("/hangs"), WebhookFormat.STATUSPAGE, Topics.everything());
      Subscriber fine = notifier.addWebhook(receiver.url("/fine"), WebhookFormat.STATUSPAGE, Topics.everything());

      List<Long> heard = Scenario.rounds(tracker, 2);

      assertThat(Receiver.await(WAIT, () -> receiver.accepted(fine.id()).equals(heard)))
          .as(() -> "heard " + heard + ", received " + receiver.summary() + ", cursors " + notifier.cursors()
              + ", hangs " + hangs.id() + ", fine " + fine.id())
          .isTrue();
      assertThat(receiver.requests(hangs.id())).as("still waiting on its first").hasSize(1);
      assertThat(notifier.deliveredThrough(hangs.id())).hasValue(heard.get(0) - 1);

      receiver.openGate();
      assertThat(Receiver.await(WAIT, () -> receiver.accepted(hangs.id()).equals(heard))).isTrue();
      assertThat(receiver.requests(hangs.id())).extracting(Request::version).isSorted();
    }
  }

  @Test
  void topicsChooseWhatIsHeard() throws Exception {
    try (Receiver receiver = new Receiver(r -> Answer.OK);
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store).build()) {
      Scenario.servers(tracker);
      Subscriber incidentsOnly = notifier.addWebhook(receiver.url("/i"), WebhookFormat.STATUSPAGE,
          Topics.everything().withKinds(List.of(io.statuskit.core.IncidentKind.INCIDENT), false));
      Subscriber componentsOfMail = notifier.addWebhook(receiver.url("/c"), WebhookFormat.STATUSPAGE,
          Topics.everything().withTags(List.of("Mail")).withKinds(List.of(io.statuskit.core.IncidentKind.NOTICE), true));
      Subscriber otherServer = notifier.addWebhook(receiver.url("/o"), WebhookFormat.STATUSPAGE,
          Topics.everything().withServers(List.of("NC001")));

      List<Long> heard = Scenario.rounds(tracker, 2);
      long last = tracker.board().version();
      assertThat(Receiver.await(WAIT, () -> notifier.cursors().size() == 3
              && notifier.cursors().values().stream().allMatch(c -> c == last)))
          .isTrue();

      // per round: opened, identified, resolved are incidents; degraded and back are components
      List<Long> incidents = List.of(heard.get(0), heard.get(1), heard.get(2), heard.get(5), heard.get(6), heard.get(7));
      List<Long> components = List.of(heard.get(3), heard.get(4), heard.get(8), heard.get(9));
      assertThat(receiver.accepted(incidentsOnly.id())).containsExactlyElementsOf(incidents);
      assertThat(receiver.accepted(componentsOfMail.id())).containsExactlyElementsOf(components);
      assertThat(receiver.requests(otherServer.id())).isEmpty();
      assertThat(Receiver.text(receiver.requests(componentsOfMail.id()).get(0).body()))
          .contains("\"component_update\"", "\"new_status\":\"degraded_performance\"", "\"old_status\":\"operational\"");
      assertThat(new String(receiver.requests(incidentsOnly.id()).get(1).body(), UTF_8))
          .contains("\"status\":\"identified\"", "A disk failed <again> & again.");
    }
  }
}

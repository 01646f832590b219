package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of the public values, backoff bounds, and the token-guarded subscriber actions. */
class ValuesTest {
  @Test
  void badInputIsRefusedNamingTheFieldAndValue() {
    assertThatThrownBy(() -> new Channel.Email("not an address"))
        .hasMessage("address must be an e-mail address such as ops@example.net: not an address");
    assertThatThrownBy(() -> new Channel.Email("a@b.net\r\nBcc: x@y.net"))
        .hasMessageStartingWith("address must be an e-mail address");
    assertThatThrownBy(() -> new Channel.Webhook(URI.create("hooks.example.net/x"), WebhookFormat.SLACK, "0123456789abcdef"))
        .hasMessage("url must be an absolute http or https URL with a host: hooks.example.net/x");
    assertThatThrownBy(() -> new Channel.Webhook(URI.create("https://u:p@hooks.example.net/x"), WebhookFormat.SLACK, "0123456789abcdef"))
        .hasMessage("url must not carry user info: https://u:p@hooks.example.net/x");
    assertThatThrownBy(() -> new Channel.Webhook(URI.create("https://hooks.example.net/x"), WebhookFormat.SLACK, "short"))
        .hasMessage("secret must be at least 16 characters long");
    assertThatThrownBy(() -> WebhookFormat.fromKey("xml")).hasMessage("webhook format must be statuspage, slack or teams: xml");
    assertThatThrownBy(() -> Topics.everything().withKinds(List.of(), false))
        .hasMessage("topics must name at least one kind or components");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.2, 3))
        .hasMessage("max must be at least initial (PT5S): PT1S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, 3))
        .hasMessage("jitter must be between 0 and 1: 1.5");
  }

  @Test
  void secretsAndTokensStayOutOfToString() {
    Subscriber s = FileNotificationStoreTest.webhook("wh_aaaaaaaa", 0);
    assertThat(s.toString()).doesNotContain("whsec_0123456789abcdef").doesNotContain("token-0123456789abcdef")
        .contains("https://hooks.example.net/wh_aaaaaaaa");
  }

  @Test
  void publicValuesRefuseNulls() {
    NullPointerTester tester = new NullPointerTester()
        .setDefault(Channel.class, new Channel.Email("ops@example.net"))
        .setDefault(Topics.class, Topics.everything());
    tester.testAllPublicConstructors(Subscriber.class);
    tester.testAllPublicConstructors(DeadLetter.class);
    tester.testAllPublicConstructors(Backoff.class);
    tester.testAllPublicConstructors(Topics.class);
    tester.testAllPublicStaticMethods(WebhookSignature.class);
  }

  @Test
  void backoffDoublesUpToItsMaximumAndJitterOnlyShortensIt() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 0.2, 10);
    assertThat(b.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delayAfter(8, 0)).isEqualTo(Duration.ofSeconds(640));
    assertThat(b.delayAfter(9, 0)).isEqualTo(Duration.ofMinutes(15));
    assertThat(b.delayAfter(99, 0)).isEqualTo(Duration.ofMinutes(15));
    assertThat(b.delayAfter(2, 0.999_999)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    for (int attempt = 1; attempt <= 99; attempt++) {
      for (double r : new double[] {0, 0.25, 0.5, 0.999}) {
        Duration d = b.delayAfter(attempt, r);
        assertThat(d).isGreaterThanOrEqualTo(b.delayAfter(attempt, 0).multipliedBy(8).dividedBy(10));
        assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(15));
      }
    }
  }

  @Test
  void confirmingAndUnsubscribingNeedTheToken() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = Notifier.builder().tracker(tracker, store).store(new InMemoryNotificationStore())
            .pageUrl(URI.create("https://status.example.net")).build()) {
      Scenario.servers(tracker);
      Subscriber s = notifier.addEmail("ops@example.net", Topics.everything());
      assertThat(s.confirmed()).isFalse();
      assertThat(notifier.confirm(s.id(), "wrong-token-0123456789")).isEmpty();
      Scenario.rounds(tracker, 1);
      Subscriber confirmed = notifier.confirm(s.id(), s.token()).orElseThrow();
      assertThat(confirmed.confirmed()).isTrue();
      assertThat(confirmed.since()).isEqualTo(tracker.board().version());
      assertThat(notifier.unsubscribe(s.id(), "wrong-token-0123456789")).isFalse();
      assertThat(notifier.subscribers()).containsExactly(confirmed);
      assertThat(notifier.unsubscribe(s.id(), s.token())).isTrue();
      assertThat(notifier.subscribers()).isEmpty();
      assertThat(notifier.unsubscribe(s.id(), s.token())).isFalse();
    }
  }
}

package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {
  @ParameterizedTest
  @CsvSource({
    "https://127.0.0.1/hook, loopback",
    "https://[::1]/hook, loopback",
    "https://localhost/hook, loopback",
    "https://10.1.2.3/hook, private or link-local",
    "https://172.16.0.1/hook, private or link-local",
    "https://192.168.1.1/hook, private or link-local",
    "https://169.254.169.254/latest/meta-data, private or link-local",
    "https://[fe80::1]/hook, private or link-local",
    "https://[fd12:3456::1]/hook, private or link-local",
    "https://100.64.0.1/hook, private or link-local",
    "https://[::ffff:10.0.0.1]/hook, private or link-local",
    "https://0.0.0.0/hook, unspecified",
    "https://224.0.0.1/hook, multicast",
  })
  void privateLoopbackAndLinkLocalTargetsAreRefusedByDefault(String url, String kind) {
    assertThatThrownBy(() -> TargetPolicy.publicOnly().check(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url " + url)
        .hasMessageContaining("a " + kind + " address");
  }

  @Test
  void publicAddressesPassAndPlainHttpNeedsPermission() {
    assertThatCode(() -> TargetPolicy.publicOnly().check(URI.create("https://93.184.215.14/hook"))).doesNotThrowAnyException();
    assertThatCode(() -> TargetPolicy.publicOnly().check(URI.create("https://[2606:4700::1]/hook"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> TargetPolicy.publicOnly().check(URI.create("http://93.184.215.14/hook")))
        .hasMessage("url must be https: http://93.184.215.14/hook");
    assertThatThrownBy(() -> TargetPolicy.allowingLoopback().check(URI.create("ftp://127.0.0.1/hook")))
        .hasMessage("url must be http or https: ftp://127.0.0.1/hook");
  }

  @Test
  void whatTheHostAllowsPasses() throws Exception {
    assertThatCode(() -> TargetPolicy.allowingLoopback().check(URI.create("http://127.0.0.1:8080/hook"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> TargetPolicy.allowingLoopback().check(URI.create("http://10.0.0.1/hook")))
        .hasMessageContaining("private or link-local");
    TargetPolicy lan = new TargetPolicy(true, false, true);
    assertThat(lan.refusal(InetAddress.getByName("10.0.0.1"))).isNull();
    assertThat(lan.refusal(InetAddress.getByName("127.0.0.1"))).isEqualTo("loopback");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://127.0.0.1/x", "https://169.254.169.254/x", "https://[::1]/x"})
  void theNotifierRefusesSuchASubscriberWithAClearError(String url) {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier =
            Notifier.builder().tracker(tracker, store).store(new InMemoryNotificationStore())
                .pageUrl(URI.create("https://status.example.net/")).build()) {
      assertThatThrownBy(() -> notifier.addWebhook(URI.create(url), WebhookFormat.STATUSPAGE, Topics.everything()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("url " + url + " resolves to ");
      assertThat(notifier.subscribers()).isEmpty();
    }
  }
}

package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.store.FileNotificationStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNotificationStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  static Subscriber webhook(String id, long since) {
    return new Subscriber(
        id,
        new Channel.Webhook(URI.create("https://hooks.example.net/" + id), WebhookFormat.STATUSPAGE, "whsec_0123456789abcdef"),
        Topics.everything().withServers(List.of("NC027")).withTags(List.of("Mail relay")),
        true,
        since,
        T0,
        "token-0123456789abcdef");
  }

  static Subscriber email(String id) {
    return new Subscriber(
        id, new Channel.Email("ops@example.net"), Topics.everything(), false, 3, T0, "token-0123456789abcdef");
  }

  @Test
  void whatWasKeptIsThereAfterReopening(@TempDir Path dir) {
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      store.put(webhook("wh_aaaaaaaa", 5));
      store.put(email("em_bbbbbbbb"));
      store.put(webhook("wh_cccccccc", 1));
      store.record(List.of(new DeadLetter("wh_aaaaaaaa", 7, 10, "HTTP 500", T0)), Map.of("wh_aaaaaaaa", 9L, "em_bbbbbbbb", 2L));
      store.remove("wh_cccccccc");
      store.put(email("em_bbbbbbbb").confirmedAt(12));
    }
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      NotificationState state = store.load();
      assertThat(state.subscribers().keySet()).containsExactly("wh_aaaaaaaa", "em_bbbbbbbb");
      assertThat(state.subscribers().get("wh_aaaaaaaa")).isEqualTo(webhook("wh_aaaaaaaa", 5));
      assertThat(state.cursors()).isEqualTo(ImmutableMap.of("wh_aaaaaaaa", 9L, "em_bbbbbbbb", 12L));
      assertThat(state.deadLetters()).containsExactly(new DeadLetter("wh_aaaaaaaa", 7, 10, "HTTP 500", T0));
      store.clearDeadLetters("wh_aaaaaaaa");
      store.record(List.of(), Map.of("wh_aaaaaaaa", 4L));
    }
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      assertThat(store.load().deadLetters()).isEmpty();
      assertThat(store.load().cursors().get("wh_aaaaaaaa")).as("a cursor never moves back").isEqualTo(9L);
    }
  }

  @Test
  void aTornLastLineIsCutAndADamagedLineIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      store.put(webhook("wh_aaaaaaaa", 5));
      store.record(List.of(), Map.of("wh_aaaaaaaa", 6L));
    }
    Path log = dir.resolve("notify.log");
    Files.write(log, "0badc0de {\"op\":\"remo".getBytes(UTF_8), StandardOpenOption.APPEND);
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      assertThat(store.load().cursors()).containsEntry("wh_aaaaaaaa", 6L);
      store.record(List.of(), Map.of("wh_aaaaaaaa", 8L));
    }
    List<String> lines = Files.readAllLines(log, UTF_8);
    assertThat(lines).hasSize(3);
    lines.set(0, lines.get(0).replace("\"since\":5", "\"since\":6"));
    Files.write(log, lines, UTF_8);
    assertThatThrownBy(() -> FileNotificationStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(log + ": line 1 is corrupt: checksum mismatch");
  }

  @Test
  void aSecondStoreOnTheDirectoryIsRefused(@TempDir Path dir) {
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      assertThatThrownBy(() -> FileNotificationStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is in use by another store");
    }
    FileNotificationStore.open(dir).close();
  }

  @Test
  void theLogIsRewrittenWhenItGrowsAndKeepsTheState(@TempDir Path dir) throws Exception {
    List<String> ids = new ArrayList<>();
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      for (int i = 0; i < 200; i++) {
        ids.add(String.format("wh_%08d", i));
        store.put(webhook(ids.get(i), 0));
      }
      for (long v = 1; v <= 400; v++) {
        Map<String, Long> cursors = new HashMap<>();
        for (String id : ids) {
          cursors.put(id, v);
        }
        store.record(List.of(), cursors);
      }
      assertThat(Files.size(dir.resolve("notify.log"))).as("rewritten at least once").isLessThan(400L * 200 * 20);
    }
    try (FileNotificationStore store = FileNotificationStore.open(dir)) {
      assertThat(store.load().cursors()).hasSize(200).containsEntry(ids.get(0), 400L).containsEntry(ids.get(199), 400L);
    }
  }
}

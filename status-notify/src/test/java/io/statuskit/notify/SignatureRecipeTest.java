package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.Receiver.Request;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's check documented in docs/notify.md accepts what the notifier sends. */
class SignatureRecipeTest {
  private static final Path DOC = Path.of("..", "docs", "notify.md");

  @Test
  void theDocumentedPythonCheckAcceptsTheNotifiersRequestsAndRefusesAChangedBody(@TempDir Path dir) throws Exception {
    assumeTrue(python3(), "python3 is not installed (Debian package python3); the documented script is not run");
    Path script = dir.resolve("verify.py");
    Files.writeString(script, pythonBlock(Files.readString(DOC, UTF_8)));

    try (Receiver receiver = new Receiver(r -> Answer.OK);
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier =
            Notifier.builder()
                .tracker(tracker, store)
                .store(new InMemoryNotificationStore())
                .pageUrl(URI.create("https://status.example.net/"))
                .targets(TargetPolicy.allowingLoopback())
                .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, 50))
                .build()) {
      Scenario.servers(tracker);
      Subscriber s = notifier.addWebhook(receiver.url("/hook"), WebhookFormat.STATUSPAGE, Topics.everything());
      List<Long> heard = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(Duration.ofSeconds(90), () -> receiver.accepted(s.id()).equals(heard))).isTrue();
      String secret = ((Channel.Webhook) s.channel()).secret();
      for (Request r : receiver.requests()) {
        String timestamp = r.header("StatusKit-Timestamp");
        String signature = r.header("StatusKit-Signature");
        assertThat(run(script, List.of(secret, timestamp, signature), r.body())).isEqualTo("ok");
        byte[] changed = r.body().clone();
        changed[changed.length - 2] ^= 1;
        assertThat(run(script, List.of(secret, timestamp, signature), changed)).isEqualTo("bad signature");
        assertThat(WebhookSignature.verify(secret, Long.parseLong(timestamp), r.body(), signature)).isTrue();
        assertThat(WebhookSignature.verify(secret, Long.parseLong(timestamp), changed, signature)).isFalse();
      }
    }
  }

  /** The one python code block of the document. */
  static String pythonBlock(String doc) {
    int start = doc.indexOf("```python\n");
    assertThat(start).as("docs/notify.md has a python block").isNotNegative();
    int end = doc.indexOf("```", start + 10);
    return doc.substring(start + 10, end);
  }

  private static boolean python3() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(Path script, List<String> args, byte[] stdin) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    String out = new String(p.getInputStream().readAllBytes(), UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}

package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.Receiver.Request;
import io.statuskit.notify.store.FileNotificationStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the sending JVM at random moments, many times: after a restart every heard event that
 * the journal kept, acknowledged or not, reaches every subscriber, nothing else does, and each
 * run of the JVM sends a subscriber's notifications in order. {@code
 * -Dstatuskit.notify.crash.cycles=N} (default 12) and {@code -Dstatuskit.notify.crash.seed=S}.
 */
class NotifyCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void everyKeptEventReachesEverySubscriberAfterSigkills(@TempDir Path dir) throws Exception {
    int cycles = Integer.getInteger("statuskit.notify.crash.cycles", 12);
    long seed = Long.getLong("statuskit.notify.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    String context = "seed " + seed + " (-Dstatuskit.notify.crash.seed=" + seed + ")";
    Path journalDir = dir.resolve("journal");
    Path notifyDir = dir.resolve("notify");
    Path acks = dir.resolve("acks.txt");
    Path log = dir.resolve("child.log");
    Random answers = new Random(seed + 1);
    try (Receiver receiver =
        new Receiver(r -> r.path().equals("/flaky") && nextBoolean(answers) ? Answer.ERROR : Answer.OK)) {
      List<Subscriber> subscribers = new ArrayList<>();
      long setup;
      JournalStatusStore journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = notifier(tracker, journal, notifyDir, "setup")) {
        Scenario.servers(tracker);
        subscribers.add(notifier.addWebhook(receiver.url("/steady"), WebhookFormat.STATUSPAGE, Topics.everything()));
        subscribers.add(notifier.addWebhook(receiver.url("/flaky"), WebhookFormat.SLACK, Topics.everything()));
        setup = tracker.board().version();
      }

      for (int run = 1; run <= cycles; run++) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NotifyCrashChild.class.getName());
        command.addAll(List.of(journalDir.toString(), notifyDir.toString(), Integer.toString(run), acks.toString()));
        long before = Files.exists(acks) ? Files.size(acks) : 0;
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // wait until it acknowledged something, then kill it at a random moment
        final long start = before;
        Receiver.await(Duration.ofSeconds(60), () -> sizeOf(acks) > start || !child.isAlive());
        assertThat(child.isAlive()).as("child %d runs (%s); log: %s", run, context, tail(log)).isTrue();
        Thread.sleep(random.nextInt(600));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (%s)", context).isEqualTo(137);
      }

      Set<Long> heard = new TreeSet<>();
      long last;
      journal = JournalStatusStore.open(journalDir);
      try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
          Notifier notifier = notifier(tracker, journal, notifyDir, "final")) {
        last = tracker.board().version();
        // heard: every post, and every observation of NC027 that changed its status (a kill
        // between "degraded" and "operational" makes the next run's "degraded" no change)
        Status nc027 = Status.OPERATIONAL;
        for (StatusEvent e : journal.eventsAfter(setup)) {
          if (e instanceof StatusEvent.IncidentOpened || e instanceof StatusEvent.IncidentUpdated) {
            heard.add(e.sequence());
          } else if (e instanceof StatusEvent.StatusObserved o && o.serverId().equals("NC027")) {
            if (o.status() != nc027) {
              heard.add(e.sequence());
            }
            nc027 = o.status();
          }
        }
        assertThat(Receiver.await(WAIT, () -> subscribers.stream()
                .allMatch(s -> notifier.deliveredThrough(s.id()).orElse(0) == last)))
            .as(context).isTrue();
      }

      Set<Long> acknowledged = new TreeSet<>();
      for (String line : Files.readAllLines(acks, UTF_8)) {
        if (!line.isBlank()) {
          acknowledged.add(Long.parseLong(line.strip()));
        }
      }
      assertThat(acknowledged).as("acknowledged commands are kept (%s)", context).allMatch(v -> v <= last);
      assertThat(acknowledged).as("the children did something (%s)", context).isNotEmpty();

      for (Subscriber s : subscribers) {
        Set<Long> accepted = new TreeSet<>();
        Map<String, List<Long>> byRun = new HashMap<>();
        for (Request r : receiver.requests(s.id())) {
          if (r.answer() == Answer.OK) {
            accepted.add(r.version());
          }
          byRun.computeIfAbsent(r.header("User-Agent"), k -> new ArrayList<>()).add(r.version());
        }
        assertThat(accepted).as("%s received exactly the heard events (%s)", s.id(), context).isEqualTo(heard);
        byRun.forEach((run, versions) -> assertThat(versions).as("in order within %s (%s)", run, context).isSorted());
      }
    }
  }

  private static synchronized boolean nextBoolean(Random random) {
    return random.nextInt(4) == 0;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.exists(log) ? Files.readString(log, UTF_8) : "";
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static Notifier notifier(StatusTracker tracker, JournalStatusStore journal, Path notifyDir, String run) {
    return Notifier.builder()
        .tracker(tracker, journal)
        .store(FileNotificationStore.open(notifyDir))
        .pageUrl(URI.create("https://status.example.net/" + run + "/"))
        .targets(TargetPolicy.allowingLoopback())
        .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 0.5, 100))
        .flushInterval(Duration.ofMillis(10))
        .build();
  }
}

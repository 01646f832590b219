package io.statuskit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes commands from several threads with SIGKILL at random moments, and
 * after every kill checks what the journal recovers: every acknowledged command is there, nothing
 * that was not acknowledged is there except the one in-flight command per thread that may have
 * reached the disk, and the board equals a replay of exactly those commands (so none is half
 * there). {@code -Dstatuskit.crash.cycles=N} runs more cycles (default 100);
 * {@code -Dstatuskit.crash.seed=S} repeats a run.
 */
class JournalCrashTest {
  private static final int THREADS = 4;

  @TempDir Path tmp;

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashChild.class.getName());
    command.addAll(Arrays.asList(args));
    File log = tmp.resolve("child.log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  private static boolean awaitFile(Path file, Process process, long millis) throws InterruptedException {
    for (long waited = 0; waited < millis; waited += 5) {
      if (Files.exists(file)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(5);
    }
    return Files.exists(file);
  }

  @Test
  void everyAcknowledgedCommandSurvivesSigkillAndNothingIsHalfThere() throws Exception {
    int cycles = Integer.getInteger("statuskit.crash.cycles", 100);
    long seed = Long.getLong("statuskit.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path dir = tmp.resolve("journal");
    try (StatusTracker setup = StatusTracker.builder().clock(Clock.systemUTC()).store(JournalStatusStore.open(dir)).build()) {
      for (int t = 0; t < THREADS; t++) {
        setup.execute(CrashWorkload.setup(t));
      }
    }
    int[] next = new int[THREADS]; // per thread: how many of its commands the journal holds
    long acknowledged = 0;
    int tornTails = 0;
    int killedBeforeReady = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      String context = "seed " + seed + ", cycle " + cycle;
      Path acks = tmp.resolve("acks-" + cycle);
      Process child = start("write", dir.toString(), acks.toString(),
          String.join(",", Arrays.stream(next).mapToObj(Integer::toString).toArray(String[]::new)));
      boolean early = random.nextInt(10) == 0;
      if (early) {
        Thread.sleep(random.nextInt(400));
        killedBeforeReady += Files.exists(Path.of(acks + ".ready")) ? 0 : 1;
      } else {
        assertThat(awaitFile(Path.of(acks + ".ready"), child, 30_000))
            .as("child ready (%s); see %s", context, tmp.resolve("child.log")).isTrue();
        Thread.sleep(20 + random.nextInt(180));
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL (%s)", context).isEqualTo(137);

      // what the child acknowledged: complete lines only
      int[] lastAcked = new int[THREADS];
      for (int t = 0; t < THREADS; t++) {
        lastAcked[t] = next[t] - 1;
      }
      if (Files.exists(acks)) {
        String text = new String(Files.readAllBytes(acks), StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
          String[] parts = lines[i].split(" ");
          int t = Integer.parseInt(parts[0]);
          int j = Integer.parseInt(parts[1]);
          assertThat(j).as("acks of thread %d come in order (%s)", t, context).isEqualTo(lastAcked[t] + 1);
          lastAcked[t] = j;
          acknowledged++;
        }
      }

      StatusBoard recovered;
      try (JournalStatusStore store = JournalStatusStore.open(dir)) {
        recovered = store.load();
        tornTails += store.recoveryReport().truncations().size();
        assertThat(store.recoveryReport().truncations())
            .allMatch(cut -> cut.reason() == RecoveryReport.Reason.TORN_TAIL);
      }
      // per thread: all acknowledged commands, plus the one in flight if it reached the disk
      long expectedVersion = THREADS;
      for (int t = 0; t < THREADS; t++) {
        int inFlight = lastAcked[t] + 1;
        next[t] = CrashWorkload.present(recovered, t, inFlight) ? inFlight + 1 : inFlight;
        assertThat(CrashWorkload.present(recovered, t, next[t]))
            .as("thread %d's command %d was never executed, so cannot be present (%s)", t, next[t], context).isFalse();
        expectedVersion += next[t];
      }
      assertThat(recovered.version()).as("board version (%s)", context).isEqualTo(expectedVersion);
      assertThat(recovered).as("board equals a replay of the commands present (%s)", context).isEqualTo(replay(next));
    }
    assertThat(acknowledged).as("commands acknowledged over all cycles").isGreaterThan(cycles);
    System.out.printf(
        "crash test: seed %d, %d cycles, %d commands acknowledged, %d in journal, %d torn tails cut, %d kills before ready%n",
        seed, cycles, acknowledged, Arrays.stream(next).sum(), tornTails, killedBeforeReady);
  }

  private static StatusBoard replay(int[] counts) {
    try (StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC())) {
      for (int t = 0; t < counts.length; t++) {
        tracker.execute(CrashWorkload.setup(t));
      }
      for (int t = 0; t < counts.length; t++) {
        for (int j = 0; j < counts[t]; j++) {
          tracker.execute(CrashWorkload.command(t, j));
        }
      }
      return tracker.board();
    }
  }

  @Test
  void aSecondProcessOpeningTheSameDirectoryIsRefused() throws Exception {
    Path dir = tmp.resolve("journal");
    Path marker = tmp.resolve("holding");
    Process holder = start("hold", dir.toString(), marker.toString());
    try {
      assertThat(awaitFile(marker, holder, 30_000)).as("holder ready; see %s", tmp.resolve("child.log")).isTrue();
      assertThatThrownBy(() -> JournalStatusStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessage("journal directory " + dir.toAbsolutePath() + " is in use by another process (pid " + holder.pid()
              + "): it holds the lock on " + dir.toAbsolutePath().resolve("statuskit.lock")
              + ". Stop that process first, or open a different directory.");
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    JournalStatusStore.open(dir).close();
  }
}

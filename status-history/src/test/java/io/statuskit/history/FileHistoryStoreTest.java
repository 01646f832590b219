package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.history.store.FileHistoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void bucketsWatermarksAndRetentionAreReadBackAfterARestart() throws IOException {
    MutableClock clock = new MutableClock(T0);
    List<Rollup> hoursBefore;
    List<Rollup> minutesBefore;
    SeriesKey key = SeriesKey.of("NC027", "ams");
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).settings(
          HistorySettings.builder().retention(Resolution.MINUTE, Duration.ofHours(3)).build()).build();
      for (int minute = 0; minute < 3 * 24 * 60; minute++) {
        clock.set(T0.plus(Duration.ofMinutes(minute)));
        recorder.record("NC027", "ams", clock.millis(), minute % 10 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.REFUSED, 1_000 + minute);
        if (minute % 30 == 0) {
          recorder.compact();
        }
      }
      recorder.close();
      hoursBefore = store.read(Resolution.HOUR, key, T0, clock.instant());
      minutesBefore = store.read(Resolution.MINUTE, key, T0, clock.instant());
      assertThat(minutesBefore).hasSizeLessThanOrEqualTo(4 * 60 + 5);
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      assertThat(store.cutTails()).isEmpty();
      assertThat(store.read(Resolution.HOUR, key, T0, clock.instant())).isEqualTo(hoursBefore);
      assertThat(store.read(Resolution.MINUTE, key, T0, clock.instant())).isEqualTo(minutesBefore);
      assertThat(store.watermark(Resolution.DAY)).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
      // a rewrite keeps exactly the live buckets
      store.rewriteAll();
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      assertThat(store.read(Resolution.HOUR, key, T0, clock.instant())).isEqualTo(hoursBefore);
      assertThat(store.read(Resolution.MINUTE, key, T0, clock.instant())).isEqualTo(minutesBefore);
    }
  }

  @Test
  void aTornTailIsCutOffAndTheRecordsBeforeItAreKept() throws IOException {
    SeriesKey key = SeriesKey.of("NC027", "ams");
    Rollup one = Rollup.of(key, Resolution.MINUTE, T0, 3, 1, new long[FailureKind.COUNT], LatencyHistogram.of(5, 6));
    Rollup two = Rollup.of(key, Resolution.MINUTE, T0.plusSeconds(60), 2, 0, new long[FailureKind.COUNT], LatencyHistogram.of(7));
    Path file;
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      store.write(Resolution.MINUTE, List.of(one));
      store.write(Resolution.MINUTE, List.of(two));
      file = store.file(Resolution.MINUTE);
    }
    long size = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size - 3);
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      assertThat(store.read(Resolution.MINUTE, key, T0, T0.plusSeconds(600))).containsExactly(one);
      assertThat(store.cutTails()).containsKey(Resolution.MINUTE);
      store.write(Resolution.MINUTE, List.of(two));
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      assertThat(store.read(Resolution.MINUTE, key, T0, T0.plusSeconds(600))).containsExactly(one, two);
    }
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    Files.write(dir.resolve("minute.log"), "not a history file, just text of some length".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> FileHistoryStore.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("magic");
  }

  /** A child JVM folds results and is killed with SIGKILL; what it had flushed is there, nothing is corrupt. */
  @Test
  void whatWasFlushedSurvivesSigkill() throws Exception {
    for (int round = 0; round < 3; round++) {
      Instant start = T0.plus(Duration.ofDays(round));
      long previousTotal = total(dir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          HistoryCrashChild.class.getName(), dir.toString(), start.toString()));
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long flushed = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int lines = 0;
        String line;
        while ((line = out.readLine()) != null && lines < 150 + round * 40) {
          if (line.startsWith("flushed ")) {
            flushed = Long.parseLong(line.substring(8));
            lines++;
          }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(child.exitValue()).as("round %s: killed by SIGKILL", round).isEqualTo(137);
      long total = total(dir);
      assertThat(total - previousTotal).as("round %s: results on disk after the kill, of %s flushed", round, flushed)
          .isGreaterThanOrEqualTo(flushed);
    }
  }

  /** Results in the store, counted once: days, then hours after the day watermark, then minutes after the hour watermark. */
  private static long total(Path dir) throws IOException {
    try (FileHistoryStore store = FileHistoryStore.open(dir)) {
      long total = 0;
      Instant far = Instant.parse("2100-01-01T00:00:00Z");
      for (SeriesKey key : store.series()) {
        Instant days = store.watermark(Resolution.DAY);
        Instant hours = store.watermark(Resolution.HOUR);
        for (Rollup r : store.read(Resolution.DAY, key, Instant.EPOCH, days)) {
          total += r.count();
        }
        for (Rollup r : store.read(Resolution.HOUR, key, days, hours)) {
          total += r.count();
        }
        for (Rollup r : store.read(Resolution.MINUTE, key, hours, far)) {
          total += r.count();
        }
      }
      return total;
    }
  }
}

package io.statuskit.store.postgres;

import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Outcome;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Folds results into a PostgreSQL history forever: one result per simulated second for three
 * series, a flush after every simulated minute, a compaction every simulated hour; after each
 * flush it prints "flushed N" (results flushed so far), so the parent knows what must survive a
 * SIGKILL. Arguments: JDBC URL, schema, start instant.
 */
public final class HistoryCrashChild {
  private HistoryCrashChild() {}

  public static void main(String[] args) {
    ManualClock clock = ManualClock.at(Instant.parse(args[2]));
    try (PostgresHistoryStore store = PostgresHistoryStore.builder().url(args[0]).schema(args[1]).build()) {
      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
      SeriesRecorder[] series = {recorder.series("NC027", "ams"), recorder.series("NC027", "nyc"), recorder.series("NC031", "ams")};
      long flushed = 0;
      long folded = 0;
      for (long second = 1; ; second++) {
        for (SeriesRecorder s : series) {
          s.record(clock.millis(), second % 17 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 10_000 + second % 1000);
          folded++;
        }
        clock.advance(Duration.ofSeconds(1));
        if (second % 60 == 0) {
          if (second % 3600 == 0) {
            recorder.compact();
          } else {
            recorder.flush();
          }
          flushed = folded;
          System.out.println("flushed " + flushed);
          System.out.flush();
        }
      }
    }
  }
}

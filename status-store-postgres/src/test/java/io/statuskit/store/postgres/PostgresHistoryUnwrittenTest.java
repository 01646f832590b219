package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Outcome;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testservers.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recorder on PostgreSQL through a proxy that is cut and restored: the minutes whose write
 * failed while the database was away (after the store's own retries) are written by the first
 * flush after it is back, once, and the hour is compacted from all of them.
 */
class PostgresHistoryUnwrittenTest {
  private static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");
  private static final SeriesKey AMS = SeriesKey.of("NC027", "ams");
  private String schema = "";

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void dropSchema() {
    if (!schema.isEmpty()) {
      TestDatabase.drop(schema);
    }
  }

  @Test
  void minutesWrittenWhileTheDatabaseWasAwayAreWrittenWhenItIsBack() throws Exception {
    schema = TestDatabase.newSchema();
    try (TcpProxy proxy = TcpProxy.to(TestDatabase.PORT);
        PostgresHistoryStore store = PostgresHistoryStore.builder().url(TestDatabase.urlVia(proxy.port())).schema(schema).build();
        PostgresHistoryStore direct = PostgresHistoryStore.builder().url(TestDatabase.url()).schema(schema).build()) {
      ManualClock clock = ManualClock.at(T0);
      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
      for (int minute = 0; minute < 60; minute++) {
        for (int i = 0; i < 3; i++) {
          recorder.record("NC027", "ams", T0.plusSeconds(60L * minute + i).toEpochMilli(), i == 0 ? Outcome.DOWN : Outcome.UP,
              FailureKind.TIMEOUT, 1_000, minute < 5);
        }
        if (minute == 20) {
          clock.set(T0.plusSeconds(60L * minute + 60));
          recorder.flush(); // minutes 0..20 reach the database
          proxy.down();
        }
        if (minute > 20 && minute % 10 == 0) {
          clock.set(T0.plusSeconds(60L * minute + 60));
          assertThatThrownBy(recorder::flush).hasMessageContaining(schema);
        }
      }
      clock.set(T0.plus(Duration.ofMinutes(65)));
      assertThatThrownBy(recorder::compact).hasMessageContaining(schema);
      // the three failed flushes took minutes 21..50; compaction failed reading the watermark before it took
      // 51..59, which are still in their series as results not yet flushed
      assertThat(recorder.unwrittenMinutes()).isEqualTo(30);
      assertThat(direct.read(Resolution.MINUTE, AMS, T0, T0.plus(Duration.ofHours(1)))).hasSize(21);
      assertThat(direct.watermark(Resolution.HOUR)).isEqualTo(Instant.EPOCH);

      proxy.up();
      recorder.compact();

      assertThat(recorder.unwrittenMinutes()).isZero();
      assertThat(recorder.lostResults()).isZero();
      List<Rollup> minutes = direct.read(Resolution.MINUTE, AMS, T0, T0.plus(Duration.ofHours(1)));
      assertThat(minutes).hasSize(60).allSatisfy(m -> assertThat(m.count()).isEqualTo(3));
      Rollup hour = direct.read(Resolution.HOUR, AMS, T0, T0.plus(Duration.ofHours(1))).get(0);
      assertThat(List.of(hour.count(), hour.failed(), hour.maintenanceCount(), hour.maintenanceFailed())).containsExactly(180L, 60L, 15L, 5L);
      assertThat(direct.watermark(Resolution.HOUR)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }
  }
}

package io.statuskit.history;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void publicValueTypesRejectNulls() {
    NullPointerTester tester = new NullPointerTester()
        .setDefault(Instant.class, T0)
        .setDefault(SeriesKey.class, SeriesKey.of("NC027", "ams"))
        .setDefault(String.class, "x")
        .setDefault(java.time.ZoneId.class, java.time.ZoneOffset.UTC)
        .setDefault(java.time.YearMonth.class, java.time.YearMonth.of(2026, 3))
        .setDefault(java.time.Year.class, java.time.Year.of(2026))
        .setDefault(Resolution.class, Resolution.MINUTE)
        .setDefault(LatencyHistogram.class, LatencyHistogram.empty())
        .setDefault(long[].class, new long[FailureKind.COUNT]);
    for (Class<?> type : new Class<?>[] {SeriesKey.class, UptimeWindow.class, Rollup.class, LatencyHistogram.class, UptimePolicy.class,
        HistorySettings.class, HistoryRecorder.class}) {
      tester.testAllPublicStaticMethods(type);
    }
    tester.testAllPublicInstanceMethods(UptimePolicy.builder());
    tester.testAllPublicInstanceMethods(HistorySettings.builder());
  }

  @Test
  void valuesAreEqualByTheirContent() {
    SeriesKey key = SeriesKey.of("NC027", "ams");
    long[] none = new long[FailureKind.COUNT];
    new EqualsTester()
        .addEqualityGroup(Rollup.of(key, Resolution.MINUTE, T0, 2, 0, none, LatencyHistogram.of(5, 6)),
            Rollup.of(key, Resolution.MINUTE, T0, 2, 0, none, LatencyHistogram.of(6, 5)))
        .addEqualityGroup(Rollup.of(key, Resolution.HOUR, T0, 2, 0, none, LatencyHistogram.of(5, 6)))
        .addEqualityGroup(Rollup.of(key, Resolution.MINUTE, T0, 2, 1, none, LatencyHistogram.of(5, 6)))
        .addEqualityGroup(Rollup.of(key, Resolution.MINUTE, T0, 2, 1, none, LatencyHistogram.of(5, 6), 1, 1, 0))
        .addEqualityGroup(Rollup.of(key, Resolution.MINUTE, T0, 2, 1, none, LatencyHistogram.of(5, 6), 1, 0, 0))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(UptimePolicy.ofDefaults(), UptimePolicy.builder().partialOutageWeight(0.3).build())
        .addEqualityGroup(UptimePolicy.builder().majorOutageOnly().build())
        .addEqualityGroup(UptimePolicy.builder().noData(UptimePolicy.NoData.COUNTED_DOWN).build())
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(LatencyHistogram.of(1, 2, 3), LatencyHistogram.of(3, 2, 1))
        .addEqualityGroup(LatencyHistogram.empty(), LatencyHistogram.of())
        .testEquals();
  }
}

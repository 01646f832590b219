package io.statuskit.feeds.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatesTest {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  @Test
  void millisWritesStatuspagesForm() {
    assertThat(Dates.millis(Instant.parse("2022-11-25T15:50:04.967Z"))).isEqualTo("2022-11-25T15:50:04.967Z");
    assertThat(Dates.millis(Instant.parse("2000-02-29T00:00:00Z"))).isEqualTo("2000-02-29T00:00:00.000Z");
    assertThat(Dates.millis(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
    assertThat(Dates.millis(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000Z");
    assertThat(Dates.millis(Instant.parse("9999-12-31T23:59:59.5Z"))).isEqualTo("9999-12-31T23:59:59.500Z");
  }

  @Test
  void millisRejectsYearsOutsideFourDigitsNamingTheValue() {
    assertThatThrownBy(() -> Dates.millis(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("four-digit year")
        .hasMessageContaining("+10000-01-01T00:00:00Z");
    assertThatThrownBy(() -> Dates.millis(Instant.parse("-0001-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("four-digit year");
  }

  /** Every instant of years 0 to 9999 is written as java.time formats it to the millisecond. */
  @Property(tries = 5000)
  void millisAgreesWithJavaTime(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(Dates.millis(instant)).isEqualTo(MILLIS.format(instant));
  }
}

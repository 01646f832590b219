package io.statuskit.feeds.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

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
  @Test
  void millisAgreesWithJavaTime() {
    qt().withExamples(5000)
        .forAll(
            SourceDSL.longs().between(-62_167_219_200L, 253_402_300_799L), SourceDSL.integers().between(0, 999_999_999))
        .checkAssert((seconds, nanos) -> {
          Instant instant = Instant.ofEpochSecond(seconds, nanos);
          assertThat(Dates.millis(instant)).isEqualTo(MILLIS.format(instant));
        });
  }
}

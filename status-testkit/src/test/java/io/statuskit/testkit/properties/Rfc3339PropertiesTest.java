package io.statuskit.testkit.properties;

import static io.statuskit.testkit.generators.Generators.weighted;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.internal.Rfc3339;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** The hand-written reader agrees with {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} everywhere. */
class Rfc3339PropertiesTest {

  @Test
  void readsEveryStringAsTheIsoFormatterDoes() {
    qt().withExamples(20_000).forAll(gen(dateTimes())).checkAssert(Rfc3339PropertiesTest::readsAsTheFormatter);
  }

  private static void readsAsTheFormatter(String text) {
    OffsetDateTime expected;
    try {
      expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
      return;
    }
    OffsetDateTime actual = Rfc3339.parse(text);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void readsTheFormsStatuskitWritesWithoutTheFormatter() {
    assertThat(Rfc3339.fast("2016-11-23T07:09:00Z")).isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00Z"));
    assertThat(Rfc3339.fast("2016-11-23T07:09:00.5+02:00"))
        .isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00.500+02:00"));
    assertThat(Rfc3339.fast("2016-11-23T07:09:00.123456789-05:30"))
        .isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00.123456789-05:30"));
  }

  @Test
  void leavesInvalidValuesToTheFormatterWhoseErrorIsKept() {
    for (String bad :
        new String[] {
          "2016-02-30T07:09:00Z", "2016-11-23T24:00:00Z", "2016-11-23T07:60:00Z", "2016-11-23T07:09:60Z",
          "2016-11-23T07:09:00.1234567890Z", "2016-11-23T07:09:00+19:00",
          "2016-13-01T00:00:00Z", "2016-11-23 07:09:00Z", "2016-11-23T07:09:00"
        }) {
      assertThat(Rfc3339.fast(bad)).as(bad).isNull();
      assertThatThrownBy(() -> Rfc3339.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
    }
    // the formatter accepts a bare decimal point; the hand-written path leaves that to it
    assertThat(Rfc3339.fast("2016-11-23T07:09:00.Z")).isNull();
    assertThat(Rfc3339.parse("2016-11-23T07:09:00.Z")).isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00Z"));
  }

  /** Near-valid date-times: right shape, random fields (some out of range), odd separators and offsets. */
  private static Generator<String> dateTimes() {
    Generator<String> year =
        Generators.oneOf(
            Generators.integers(0, 9999).map(y -> String.format("%04d", y)), Generators.of("+10000", "-0001", "999", "20a6"));
    Generator<String> month = twoDigits(1, 12);
    Generator<String> day = twoDigits(1, 31);
    Generator<String> hour = twoDigits(0, 23);
    Generator<String> sixty = twoDigits(0, 59);
    Generator<String> fraction =
        Generators.oneOf(
            Generators.constant(""), Generators.constant("."), Generators.strings("0123456789", 1, 11).map(d -> "." + d));
    Generator<String> sign = Generators.of("+", "-");
    Generator<Integer> offsetHours = Generators.integers(0, 20);
    Generator<Integer> offsetMinutes = Generators.integers(0, 70);
    Generator<String> offset =
        Generators.oneOf(
            Generators.of(
                "Z", "z", "", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+19:00", "+05:30", "+0530", "+05", "+05:30:15",
                "-03:00"),
            s -> String.format("%s%02d:%02d", sign.generate(s), offsetHours.generate(s), offsetMinutes.generate(s)));
    Generator<String> t = Generators.frequency(weighted(10, Generators.constant("T")), weighted(1, Generators.of("t", " ", "X")));
    return s ->
        year.generate(s) + "-" + month.generate(s) + "-" + day.generate(s) + t.generate(s) + hour.generate(s) + ":"
            + sixty.generate(s) + ":" + sixty.generate(s) + fraction.generate(s) + offset.generate(s);
  }

  /** Two digits, mostly from {@code min} to {@code max} and sometimes anything from 00 to 99. */
  private static Generator<String> twoDigits(int min, int max) {
    return Generators.frequency(
        weighted(8, Generators.integers(min, max).map(v -> String.format("%02d", v))),
        weighted(1, Generators.integers(0, 99).map(v -> String.format("%02d", v))));
  }
}

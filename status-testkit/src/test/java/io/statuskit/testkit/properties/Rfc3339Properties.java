package io.statuskit.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.internal.Rfc3339;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written reader agrees with {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} everywhere. */
class Rfc3339Properties {

  @Property(tries = 20_000)
  void readsEveryStringAsTheIsoFormatterDoes(@ForAll("dateTimes") String text) {
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

  @Example
  void readsTheFormsStatuskitWritesWithoutTheFormatter() {
    assertThat(Rfc3339.fast("2016-11-23T07:09:00Z")).isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00Z"));
    assertThat(Rfc3339.fast("2016-11-23T07:09:00.5+02:00"))
        .isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00.500+02:00"));
    assertThat(Rfc3339.fast("2016-11-23T07:09:00.123456789-05:30"))
        .isEqualTo(OffsetDateTime.parse("2016-11-23T07:09:00.123456789-05:30"));
  }

  @Example
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
  @Provide
  Arbitrary<String> dateTimes() {
    Arbitrary<String> year = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y)),
        Arbitraries.of("+10000", "-0001", "999", "20a6"));
    Arbitrary<String> month = twoDigits(1, 12);
    Arbitrary<String> day = twoDigits(1, 31);
    Arbitrary<String> hour = twoDigits(0, 23);
    Arbitrary<String> sixty = twoDigits(0, 59);
    Arbitrary<String> fraction = Arbitraries.oneOf(
        Arbitraries.just(""), Arbitraries.just("."),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(d -> "." + d));
    Arbitrary<String> offset = Arbitraries.oneOf(
        Arbitraries.of("Z", "z", "", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+19:00", "+05:30", "+0530",
            "+05", "+05:30:15", "-03:00"),
        Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.integers().between(0, 20),
            Arbitraries.integers().between(0, 70)).as((s, h, m) -> String.format("%s%02d:%02d", s, h, m)));
    Arbitrary<String> t = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just("T")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("t", " ", "X")));
    return Combinators.combine(year, month, day, t, hour, sixty, sixty, fraction).as(
            (y, mo, d, sep, h, mi, s, f) -> y + "-" + mo + "-" + d + sep + h + ":" + mi + ":" + s + f)
        .flatMap(prefix -> offset.map(o -> prefix + o));
  }

  /** Two digits, mostly from {@code min} to {@code max} and sometimes anything from 00 to 99. */
  private static Arbitrary<String> twoDigits(int min, int max) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(min, max).map(v -> String.format("%02d", v))),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 99).map(v -> String.format("%02d", v))));
  }
}

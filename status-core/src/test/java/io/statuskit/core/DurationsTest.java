package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.internal.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void durationsReadAsEnglish() {
    assertThat(Durations.inWords(Duration.ofSeconds(45))).isEqualTo("forty-five seconds");
    assertThat(Durations.inWords(Duration.ofSeconds(1))).isEqualTo("one second");
    assertThat(Durations.inWords(Duration.ofMinutes(1))).isEqualTo("one minute");
    assertThat(Durations.inWords(Duration.ofMinutes(8))).isEqualTo("eight minutes");
    assertThat(Durations.inWords(Duration.ofSeconds(8 * 60 + 29))).isEqualTo("eight minutes");
    assertThat(Durations.inWords(Duration.ofSeconds(8 * 60 + 30))).isEqualTo("nine minutes");
    assertThat(Durations.inWords(Duration.ofMinutes(60))).isEqualTo("one hour");
    assertThat(Durations.inWords(Duration.ofMinutes(125))).isEqualTo("two hours and five minutes");
    assertThat(Durations.inWords(Duration.ofMinutes(24 * 60 + 61))).isEqualTo("one day, one hour and one minute");
    assertThat(Durations.inWords(Duration.ofDays(150))).isEqualTo("150 days");
  }
}

package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import org.junit.jupiter.api.Test;

/** {@link DailyUptime}: a copied, checked value; NaN is "nothing counted" and equal to itself. */
class DailyUptimeValueTest {
  @Test
  void theDaysAreCopiedAndRead() {
    double[] days = {100, Double.NaN, 97.5};
    DailyUptime uptime = DailyUptime.of(days, 99.1);
    days[0] = 1;
    assertThat(uptime.days()).isEqualTo(3);
    assertThat(uptime.percent(0)).isEqualTo(100.0);
    assertThat(uptime.percent(1)).isNaN();
    assertThat(uptime.percent(2)).isEqualTo(97.5);
    assertThat(uptime.total()).isEqualTo(99.1);
  }

  @Test
  void aPercentOutsideZeroToHundredIsRejectedWithItsPlace() {
    assertThatThrownBy(() -> DailyUptime.of(new double[] {100, 100.5}, 99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days[1] must be NaN or 0 to 100: 100.5");
    assertThatThrownBy(() -> DailyUptime.of(new double[] {}, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total must be NaN or 0 to 100: -0.1");
  }

  @Test
  void equalityFollowsTheFigures() {
    new EqualsTester()
        .addEqualityGroup(DailyUptime.of(new double[] {100, Double.NaN}, 99), DailyUptime.of(new double[] {100, Double.NaN}, 99))
        .addEqualityGroup(DailyUptime.of(new double[] {100, 50}, 99))
        .addEqualityGroup(DailyUptime.of(new double[] {100, Double.NaN}, Double.NaN))
        .testEquals();
    new NullPointerTester().testAllPublicStaticMethods(DailyUptime.class);
  }
}

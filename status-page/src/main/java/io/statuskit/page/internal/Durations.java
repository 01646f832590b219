package io.statuskit.page.internal;

import java.time.Duration;

/** Short durations for the page in its language ("8 min", "2 h 5 min", "3 d 4 h"). Thread-safe. */
final class Durations {
  private Durations() {}

  static String words(Duration duration, Messages messages) {
    long minutes = Math.round(duration.getSeconds() / 60.0);
    if (minutes < 1) {
      return messages.format("unit_s", duration.getSeconds());
    }
    if (minutes < 60) {
      return messages.format("unit_min", minutes);
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return messages.format("unit_h", hours) + (minutes % 60 == 0 ? "" : " " + messages.format("unit_min", minutes % 60));
    }
    return messages.format("unit_d", hours / 24) + (hours % 24 == 0 ? "" : " " + messages.format("unit_h", hours % 24));
  }
}

package io.statuskit.page.internal;

import java.time.Duration;

/** Short English durations for the page ("8 min", "2 h 5 min", "3 d 4 h"). Thread-safe. */
final class Durations {
  private Durations() {}

  static String words(Duration duration) {
    long minutes = Math.round(duration.getSeconds() / 60.0);
    if (minutes < 1) {
      return duration.getSeconds() + " s";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
  }
}

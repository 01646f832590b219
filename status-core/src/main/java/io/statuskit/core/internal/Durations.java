package io.statuskit.core.internal;

import java.time.Duration;

/** Durations in English words: "eight minutes", "two hours and five minutes". */
public final class Durations {
  private static final String[] UNITS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };

  private Durations() {}

  /**
   * A duration in words: under a minute in seconds ("forty-five seconds"), otherwise rounded to the
   * nearest minute and given in days, hours and minutes ("one day, two hours and five minutes").
   */
  public static String inWords(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return count(seconds, "second");
    }
    long minutes = (seconds + 30) / 60;
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    StringBuilder words = new StringBuilder();
    java.util.List<String> parts = new java.util.ArrayList<>(3);
    if (days > 0) {
      parts.add(count(days, "day"));
    }
    if (hours > 0) {
      parts.add(count(hours, "hour"));
    }
    if (mins > 0) {
      parts.add(count(mins, "minute"));
    }
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        words.append(i == parts.size() - 1 ? " and " : ", ");
      }
      words.append(parts.get(i));
    }
    return words.toString();
  }

  /** "one minute", "eight minutes", "120 minutes". */
  public static String count(long n, String unit) {
    return number(n) + " " + unit + (n == 1 ? "" : "s");
  }

  /** A whole number in English words up to ninety-nine, in digits above. */
  public static String number(long n) {
    if (n < 0 || n > 99) {
      return Long.toString(n);
    }
    if (n < 20) {
      return UNITS[(int) n];
    }
    String tens = TENS[(int) (n / 10)];
    return n % 10 == 0 ? tens : tens + "-" + UNITS[(int) (n % 10)];
  }
}

package io.statuskit.probes.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A probe's settings from a configuration file, read by a {@link ProbeFactory}.
 *
 * <p>Getters never throw for bad values: they record a problem naming the setting's full path and
 * the value ({@code servers[2].probes[0].timeout: "5 parsecs" is not a duration}) and return
 * empty, so that one configuration error lists every problem. Settings that no getter read are
 * reported as unknown.
 *
 * <p>Not thread-safe; used by one factory call.
 */
public interface ProbeSettings {
  /** The path of these settings, such as {@code servers[2].probes[0]}. */
  String path();

  /** A string setting. */
  Optional<String> string(String name);

  /** A required string setting; records a problem and returns {@code ""} when missing. */
  String requireString(String name);

  /** An integer setting within {@code [min, max]}. */
  Optional<Integer> integer(String name, int min, int max);

  /**
   * A required integer setting within {@code [min, max]}; records a problem and returns {@code min}
   * when missing or bad.
   */
  int requireInteger(String name, int min, int max);

  /** A boolean setting. */
  Optional<Boolean> bool(String name);

  /** A duration: {@code "5s"}, {@code "250ms"}, {@code "2m"}, {@code "1h"}, or ISO-8601. */
  Optional<Duration> duration(String name);

  /** A list of strings (a single string counts as a list of one). */
  List<String> strings(String name);

  /** A map of string to string, such as HTTP headers. */
  Map<String, String> stringMap(String name);

  /** A list of nested settings, such as send/expect steps. */
  List<ProbeSettings> objects(String name);

  /** Records a problem with a setting: {@code path.name: message}. */
  void problem(String name, String message);
}

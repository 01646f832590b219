package io.statuskit.probes.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

  /**
   * A file setting: the path as written, resolved against the configuration file's directory when
   * there is one; records a problem and returns empty when the file does not exist or cannot be
   * read, so that a missing file is a configuration error rather than a failure at run time.
   */
  Optional<Path> file(String name);

  /**
   * Applies a rule to a setting's value: when {@code rule} rejects it with an {@link
   * IllegalArgumentException}, records a problem at the setting showing the value as written
   * ({@code servers[0].probes[0].timeout: "0s" must be positive and at most 1h}) and returns empty,
   * so that the other settings are still read and checked.
   *
   * @param name the setting, or a list element such as {@code bodyMatches[1]}
   */
  <T> Optional<T> check(String name, Optional<T> value, Consumer<? super T> rule);
}

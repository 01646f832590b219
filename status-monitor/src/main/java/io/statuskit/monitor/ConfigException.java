package io.statuskit.monitor;

import com.google.common.collect.ImmutableList;

/**
 * A configuration with problems; the message lists every one with its path, such as {@code
 * servers[2].probes[0].timeout: "5 parsecs" is not a duration}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> problems;

  /** An exception listing {@code problems}, from {@code source}. */
  public ConfigException(String source, ImmutableList<String> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in "
            + source
            + ":\n  "
            + String.join("\n  ", problems));
    this.problems = problems;
  }

  /** Each problem, path first. */
  public ImmutableList<String> problems() {
    return problems;
  }
}

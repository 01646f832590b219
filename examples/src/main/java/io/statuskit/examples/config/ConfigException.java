package io.statuskit.examples.config;

import com.google.common.collect.ImmutableList;

/**
 * A configuration that cannot be used, with every problem found, each starting with its path in
 * the file ({@code page.zone: unknown time zone "Mars/Base"}). Thread-safe (immutable).
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> problems;

  /** An exception listing problems, each with its path. */
  public ConfigException(String source, ImmutableList<String> problems) {
    super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  " + String.join("\n  ", problems));
    this.problems = problems;
  }

  /** Every problem, each starting with its path. */
  public ImmutableList<String> problems() {
    return problems;
  }
}

package io.statuskit.core.json;

import static java.util.Objects.requireNonNull;

/**
 * A JSON document could not be read as StatusKit's format: bad syntax, a value of the wrong type,
 * an unknown field, a missing field, a newer format version, or parts that do not fit the model.
 * The message starts with the JSON path of the offending value, such as {@code
 * incidents[3].updates[0].state: "sleeping" is not a state}; {@link #path()} gives the path
 * alone. Immutable and thread-safe.
 */
public final class StatusJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * An exception for the value at {@code path}.
   *
   * @param path the JSON path, {@code $} for the document itself
   * @param problem what is wrong, shown after the path
   */
  public StatusJsonException(String path, String problem) {
    super(requireNonNull(path, "path") + ": " + requireNonNull(problem, "problem"));
    this.path = path;
  }

  /**
   * An exception for the value at {@code path}, with a cause.
   *
   * @param path the JSON path, {@code $} for the document itself
   * @param problem what is wrong, shown after the path
   * @param cause what the model or the parser said
   */
  public StatusJsonException(String path, String problem, Throwable cause) {
    super(requireNonNull(path, "path") + ": " + requireNonNull(problem, "problem"), cause);
    this.path = path;
  }

  /** The JSON path of the offending value, such as {@code incidents[3].updates[0].state}. */
  public String path() {
    return path;
  }
}

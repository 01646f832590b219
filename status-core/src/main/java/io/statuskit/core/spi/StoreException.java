package io.statuskit.core.spi;

/**
 * A {@link StatusStore} could not read or keep what it was asked to: a full or read-only disk, a
 * corrupt file, a locked directory. The message names the file and, where it applies, the offset.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public StoreException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

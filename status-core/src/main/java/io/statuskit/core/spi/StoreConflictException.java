package io.statuskit.core.spi;

/**
 * Another writer kept an event with the sequence an append named first: the appender's board is
 * behind the store's. A {@link io.statuskit.core.StatusTracker} catches up and retries the
 * command; other callers read {@link StatusStore#eventsAfter} and decide again.
 */
public class StoreConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final long sequence;
  private final long kept;

  /**
   * An exception for an append of {@code sequence} refused because the store already keeps events
   * up to {@code kept}.
   */
  public StoreConflictException(long sequence, long kept, String store) {
    super(
        "event.sequence "
            + sequence
            + " was already kept by another writer: "
            + store
            + " keeps events up to "
            + kept);
    this.sequence = sequence;
    this.kept = kept;
  }

  /** The sequence of the refused event. */
  public long sequence() {
    return sequence;
  }

  /** The newest sequence the store kept when it refused the append. */
  public long kept() {
    return kept;
  }
}

package io.statuskit.page;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * Where the page gets live checks from: the latest per server and a recent history for the
 * response-time chart. Implementations are thread-safe.
 */
public interface PingSource {
  /** The latest check of a server, if it has been checked. */
  Optional<Ping> latest(String serverId);

  /** Recent checks of a server, oldest first. */
  ImmutableList<Ping> history(String serverId);

  /**
   * A number that grows whenever a check is recorded: pages that show checks are rendered again
   * when it changes, and served from memory while it does not. The default, for a source whose
   * checks never change, is 0.
   */
  default long version() {
    return 0;
  }

  /** A source with no checks at all (the static export, or a page with no probes). */
  static PingSource none() {
    return new PingSource() {
      @Override
      public Optional<Ping> latest(String serverId) {
        return Optional.empty();
      }

      @Override
      public ImmutableList<Ping> history(String serverId) {
        return ImmutableList.of();
      }
    };
  }
}

package io.statuskit.feeds.statuspage;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusBoard;

/**
 * What reading Statuspage documents gives: the page's metadata and a board holding its components
 * as servers and its incidents and maintenances. Immutable and thread-safe.
 *
 * @param page the page, its group ids and the component fields servers do not carry
 * @param board the board
 */
public record StatuspageImport(PageInfo page, StatusBoard board) {
  /** Checks the parts are present. */
  public StatuspageImport {
    requireNonNull(page, "page");
    requireNonNull(board, "board");
  }
}

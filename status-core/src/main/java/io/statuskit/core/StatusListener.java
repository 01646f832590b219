package io.statuskit.core;

/**
 * Receives each event a {@link StatusTracker} applies, with the board right after it, in
 * sequence order. Called on the tracker's listener executor, never on the thread that issued the
 * command; a slow or throwing listener delays or harms only itself.
 */
@FunctionalInterface
public interface StatusListener {
  /**
   * Called once per applied event.
   *
   * @param event the event
   * @param board the board right after it
   */
  void onEvent(StatusEvent event, StatusBoard board);
}

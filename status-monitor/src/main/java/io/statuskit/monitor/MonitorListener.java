package io.statuskit.monitor;

/**
 * Receives a {@link Monitor}'s events in order, on the monitor's listener executor; a slow or
 * throwing listener delays or harms only itself.
 */
@FunctionalInterface
public interface MonitorListener {
  /** Called once per event. */
  void onEvent(MonitorEvent event);
}

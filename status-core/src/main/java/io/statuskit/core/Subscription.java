package io.statuskit.core;

/**
 * A registration that can be undone: a listener added to a tracker, a monitor or a dispatcher, or
 * a tracker following a shared store. Closing it twice does nothing more.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops the deliveries. */
  @Override
  void close();
}

package io.statuskit.store.postgres;

import io.statuskit.testservers.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TcpProxy} in front of the test database cuts the store's next writer connection
 * (one that has sent an insert into the events), read from the PostgreSQL protocol as it passes:
 * before the insert reaches the server, or after a {@code COMMIT} reached it but before its answer
 * came back. Armed once at a time; thread-safe.
 */
final class WriterCut implements Supplier<TcpProxy.Tap> {
  /** Where to cut. */
  enum Point {
    /** Drop the insert before the server sees it: nothing was kept. */
    BEFORE_INSERT,
    /** Let the COMMIT through, drop its answer, then cut: the batch was kept. */
    AFTER_COMMIT
  }

  private final AtomicReference<@Nullable Point> armed = new AtomicReference<>();

  /** Cuts a writer connection once, at the given point. */
  void arm(Point point) {
    armed.set(point);
  }

  /** A tap for one connection. */
  @Override
  public TcpProxy.Tap get() {
    return new TcpProxy.Tap() {
      private boolean writer;
      private boolean notified;

      @Override
      public TcpProxy.Verdict onClientData(byte[] chunk) {
        String text = new String(chunk, StandardCharsets.ISO_8859_1);
        if (text.contains(".events (sequence")) {
          writer = true;
          if (armed.compareAndSet(Point.BEFORE_INSERT, null)) {
            return TcpProxy.Verdict.CUT;
          }
        }
        // The writer's COMMIT is a server-prepared statement after its first use (no text to
        // match), but it is always the message after the pg_notify.
        boolean commit = notified;
        notified = writer && text.contains("pg_notify");
        if (commit && armed.compareAndSet(Point.AFTER_COMMIT, null)) {
          return TcpProxy.Verdict.FORWARD_THEN_CUT;
        }
        return TcpProxy.Verdict.FORWARD;
      }
    };
  }
}

package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that closes the servers a test started, after each test, newest first.
 *
 * <pre>{@code
 * @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();
 *
 * @Test void tarpitTimesOut() {
 *   HostileServer tarpit = servers.add(HostileServer.silent());
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LocalServersExtension implements AfterEachCallback {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** Registers a server (or any resource) to close after the test, and returns it. */
  public synchronized <T extends AutoCloseable> T add(T server) {
    open.push(requireNonNull(server, "server"));
    return server;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception first = null;
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        next = open.poll();
      }
      if (next == null) {
        break;
      }
      try {
        next.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

package io.statuskit.store.postgres;

import io.statuskit.core.StatusTracker;
import io.statuskit.notify.Backoff;
import io.statuskit.notify.Notifier;
import io.statuskit.notify.TargetPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * One notifying node of {@link MultiNodeNotifyTest}, in a JVM of its own: a tracker on the shared
 * schema's {@link PostgresStatusStore} and a {@link Notifier} on its {@link
 * PostgresNotificationStore}, both on one schema. The page URL (so the {@code User-Agent} of every
 * request) names the node, so the receiver knows who sent what. Prints READY, then runs until
 * its standard input closes (a clean stop) or it is killed.
 *
 * <p>Arguments: JDBC URL, schema, node name, lease duration in milliseconds.
 */
public final class NotifyNode {
  private NotifyNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String name = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    PostgresStatusStore store =
        PostgresStatusStore.builder().url(url).schema(schema).pollInterval(Duration.ofMillis(200)).build();
    try (StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier =
            Notifier.builder()
                .tracker(tracker, store)
                .store(PostgresNotificationStore.builder().url(url).schema(schema).build())
                .pageUrl(URI.create("https://status.example.net/" + name + "/"))
                .nodeName(name)
                .leaseDuration(lease)
                .targets(TargetPolicy.allowingLoopback())
                .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 0.5, 100))
                .flushInterval(Duration.ofMillis(20))
                .build()) {
      System.out.println("READY " + notifier.nodeName());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the test closes stdin
      }
    }
    store.close();
  }
}

package io.statuskit.store.postgres;

import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The node {@link KilledNodeTest} kills, in a JVM of its own: a tracker on the shared schema whose
 * writer threads observe servers with a unique detail per command and print {@code ACK detail} for
 * each acknowledged one, until the store's crash-test hook pauses a batch inside its transaction
 * and the test kills the JVM. Arguments: JDBC URL, schema, node name, writer threads.
 */
public final class KilledNode {
  private KilledNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String name = args[2];
    int threads = Integer.parseInt(args[3]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PostgresStatusStore store =
        PostgresStatusStore.builder().url(url).schema(schema).pollInterval(Duration.ofMillis(200)).build();
    StatusTracker tracker = StatusTracker.builder().store(store).build();
    Workload.addServers(tracker, name, threads);
    out.println("READY");
    for (int t = 0; t < threads; t++) {
      String id = Workload.serverId(name, t);
      String prefix = name + t + "-";
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String detail = prefix + i;
                  try {
                    tracker.observe(id, i % 2 == 0 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL, detail);
                    synchronized (out) {
                      out.println("ACK " + detail);
                    }
                  } catch (StoreException e) {
                    synchronized (out) {
                      out.println("FAILED " + detail + " " + e.getMessage());
                    }
                  }
                }
              },
              "writer-" + prefix);
      writer.start();
    }
    Thread.sleep(Long.MAX_VALUE); // until killed
  }
}

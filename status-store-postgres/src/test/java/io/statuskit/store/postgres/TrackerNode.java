package io.statuskit.store.postgres;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.json.StatusJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node of {@link MultiNodeTest}, in a JVM of its own: a tracker on the shared schema whose
 * writers run commands until told to stop, and whose listener counts version gaps. Speaks a line
 * protocol on stdin/stdout: prints READY, waits for GO, writes for the given seconds, writes the
 * acknowledged commands to a file and prints WRITTEN, waits for FINAL v, waits until its board
 * reached v, prints BOARD version hash gaps failed, and exits.
 *
 * <p>Arguments: JDBC URL, schema, node name, seconds, writer threads, file for the acknowledged.
 */
public final class TrackerNode {
  private TrackerNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String name = args[2];
    long seconds = Long.parseLong(args[3]);
    int threads = Integer.parseInt(args[4]);
    Path acknowledgedFile = Path.of(args[5]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PostgresStatusStore store =
        PostgresStatusStore.builder().url(url).schema(schema).pollInterval(Duration.ofMillis(200)).build();
    try (StatusTracker tracker = StatusTracker.builder().store(store).build()) {
      AtomicLong last = new AtomicLong(tracker.board().version());
      AtomicLong gaps = new AtomicLong();
      tracker.subscribe((event, board) -> {
        if (event.sequence() != last.get() + 1) {
          gaps.incrementAndGet();
          System.err.println(name + ": gap: event " + event.sequence() + " after " + last.get());
        }
        last.set(event.sequence());
      });
      Workload.addServers(tracker, name, threads);
      System.out.println("READY");
      System.out.flush();
      expect(in.readLine(), "GO");
      Workload workload = new Workload();
      workload.start(tracker, name, threads, Integer.MAX_VALUE);
      Thread.sleep(seconds * 1000);
      workload.stop();
      workload.join(Duration.ofSeconds(120));
      Files.write(acknowledgedFile, workload.acknowledged);
      Files.write(Path.of(acknowledgedFile + ".failed"), workload.failed);
      System.out.println("WRITTEN " + workload.acknowledged.size() + " " + workload.failed.size() + " " + store.statistics());
      workload.failures.forEach((message, detail) -> System.err.println(name + ": " + detail + " failed: " + message));
      System.out.flush();
      String line = in.readLine();
      expect(line, "FINAL");
      long finalVersion = Long.parseLong(line.substring("FINAL ".length()));
      for (int i = 0; i < 300 && tracker.board().version() < finalVersion; i++) {
        Thread.sleep(50);
      }
      Thread.sleep(200); // any listener deliveries still on their way
      StatusBoard board = tracker.board();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(StatusJson.writeBoard(board)));
      System.out.println("BOARD " + board.version() + " " + hash + " " + gaps.get() + " " + workload.failed.size() + " " + last.get());
      System.out.flush();
    }
  }

  private static void expect(String line, String word) {
    if (line == null || !line.startsWith(word)) {
      throw new IllegalStateException("expected " + word + ", got " + line);
    }
  }
}

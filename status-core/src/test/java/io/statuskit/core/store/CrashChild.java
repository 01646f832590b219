package io.statuskit.core.store;

import io.statuskit.core.StatusTracker;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link JournalCrashTest}. {@code write DIR ACKS START0,START1,...} opens the
 * journal, creates {@code ACKS.ready}, and runs one writer thread per start index, each executing
 * its {@link CrashWorkload} commands and appending {@code "t j\n"} to ACKS after each command
 * returns, until the parent kills the JVM. {@code hold DIR MARKER} opens the journal, creates
 * MARKER and waits to be killed.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    JournalStatusStore.Options options = JournalStatusStore.options().segmentBytes(8192).snapshotEvery(40).build();
    if (args[0].equals("hold")) {
      try (JournalStatusStore store = JournalStatusStore.open(dir, options)) {
        Files.createFile(Path.of(args[2]));
        Thread.sleep(120_000);
      }
      return;
    }
    Path acks = Path.of(args[2]);
    String[] starts = args[3].split(",");
    StatusTracker tracker = StatusTracker.builder().clock(Clock.systemUTC()).store(JournalStatusStore.open(dir, options)).build();
    OutputStream ackOut = new FileOutputStream(acks.toFile(), true);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < starts.length; t++) {
      int thread = t;
      int start = Integer.parseInt(starts[t]);
      Thread writer = new Thread(() -> {
        for (int j = start; ; j++) {
          tracker.execute(CrashWorkload.command(thread, j));
          byte[] line = (thread + " " + j + "\n").getBytes(StandardCharsets.US_ASCII);
          synchronized (ackOut) {
            try {
              ackOut.write(line);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }
      }, "crash-writer-" + t);
      writers.add(writer);
    }
    Files.createFile(Path.of(acks + ".ready"));
    writers.forEach(Thread::start);
    for (Thread writer : writers) {
      writer.join();
    }
  }
}

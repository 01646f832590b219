package io.statuskit.benchmarks;

import com.rometools.rome.io.SyndFeedOutput;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a feed of a million entries (200,000 incidents of five updates, made one at a time) to
 * a counting sink, with StatusKit or with ROME, and prints the bytes, the time and the peak heap
 * used. Run it under a small heap to show which can: {@code java -Xmx64m -cp
 * benchmarks/target/benchmarks.jar io.statuskit.benchmarks.MillionEntryFeed statuskit|rome
 * [rss|atom]}. Not thread-safe; a main program.
 */
public final class MillionEntryFeed {
  private MillionEntryFeed() {}

  /** Writes the feed; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String who = args.length > 0 ? args[0] : "statuskit";
    String format = args.length > 1 ? args[1] : "rss";
    int incidents = 200_000;
    CountingSink sink = new CountingSink();
    long t0 = System.nanoTime();
    System.out.printf(Locale.ROOT, "%s %s: %d entries, max heap %d MB%n",
        who, format, incidents * 5, Runtime.getRuntime().maxMemory() >> 20);
    try {
      if (who.equals("statuskit")) {
        FeedWriter writer = FeedBenchmark.writer(format.equals("atom") ? FeedFormat.ATOM : FeedFormat.RSS);
        writer.write(FeedHead.of(writer.subscriptionUrl(), Fixtures.END), Fixtures.lazyIncidents(incidents, 5, 50), sink);
      } else {
        Writer out = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
        new SyndFeedOutput().output(
            FeedPeers.rome(Fixtures.lazyIncidents(incidents, 5, 50), format.equals("atom") ? "atom_1.0" : "rss_2.0", Fixtures.END), out);
        out.flush();
      }
      System.out.printf(Locale.ROOT, "wrote %d bytes in %.1f s; peak heap %d MB%n",
          sink.count(), (System.nanoTime() - t0) / 1e9, peakHeapMb());
    } catch (OutOfMemoryError e) {
      System.out.printf(Locale.ROOT, "OutOfMemoryError after %.1f s (%s), %d bytes written; peak heap %d MB%n",
          (System.nanoTime() - t0) / 1e9, e.getMessage(), sink.count(), peakHeapMb());
      System.exit(3);
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}

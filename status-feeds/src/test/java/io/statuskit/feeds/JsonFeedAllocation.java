package io.statuskit.feeds;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;

/**
 * Prints the bytes the writers allocate per entry (HotSpot's per-thread allocation counter around
 * writing 10,000 prebuilt incidents to a discarding sink, after warm-up), per format and
 * granularity. A measuring main, not a test: run it with the test classpath.
 */
public final class JsonFeedAllocation {
  private static final int COUNT = 10_000;

  private JsonFeedAllocation() {}

  public static void main(String[] args) throws Exception {
    ImmutableList<Incident> incidents = ImmutableList.copyOf(MillionEntries.incidents(COUNT));
    // com.sun.management.ThreadMXBean through reflection: the test sources compile inside the
    // module io.statuskit.feeds, which does not read jdk.management.
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
    for (FeedFormat format : new FeedFormat[] {FeedFormat.JSON_FEED, FeedFormat.ATOM}) {
      for (Granularity granularity : Granularity.values()) {
        FeedWriter writer = FeedWriter.of(format, granularity, FeedsTesting.settings());
        long best = Long.MAX_VALUE;
        long written = 0;
        for (int round = 0; round < 8; round++) {
          long before = (long) allocated.invoke(threads);
          written = write(writer, incidents.iterator());
          long after = (long) allocated.invoke(threads);
          best = Math.min(best, after - before);
        }
        System.out.printf(Locale.ROOT, "%-9s %-8s %7.0f bytes allocated per entry (%d bytes written per entry)%n",
            format, granularity, (double) best / COUNT, written / COUNT);
      }
    }
  }

  /** Writes to a sink that counts and discards; returns the bytes written. */
  private static long write(FeedWriter writer, Iterator<Incident> incidents) throws Exception {
    long[] count = {0};
    OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    writer.write(FeedHead.of(URI.create("https://status.ninernet.net/feeds/all"), Instant.EPOCH), incidents, sink);
    return count[0];
  }
}

package io.statuskit.feeds;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Category;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;

/**
 * Streams a feed of N synthetic incidents (~1.2 KB each) to a counting sink; run in a JVM with a
 * small heap by {@link StreamingMemoryTest}. Arguments: format, count. Prints the bytes written.
 */
public final class MillionEntries {
  private static final ImmutableSet<Tag> TAGS = ImmutableSet.of(Tag.of("email"));
  private static final ImmutableSet<Category> CATEGORIES = ImmutableSet.of(Category.of("Outages"));

  private MillionEntries() {}

  /** Synthetic incidents, made one at a time as the writer asks. */
  public static Iterator<Incident> incidents(int count) {
    String body = "We are investigating reports of slow mail delivery on NC027 & NC036; messages may be delayed <10 min>. ".repeat(8);
    OffsetDateTime start = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < count;
      }

      @Override
      public Incident next() {
        int n = i++;
        OffsetDateTime at = start.plusSeconds(n * 60L);
        return new Incident("inc-" + n, IncidentKind.INCIDENT, "NC027: Mail server slow (#" + n + ")", Impact.MINOR,
            ImmutableMap.of(), TAGS, CATEGORIES,
            ImmutableList.of(IncidentUpdate.of("u-" + n, at, IncidentState.INVESTIGATING, Body.plain(body))), null, 0);
      }
    };
  }

  public static void main(String[] args) throws Exception {
    FeedFormat format = FeedFormat.valueOf(args[0]);
    int count = Integer.parseInt(args[1]);
    long[] bytes = {0};
    OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) {
        bytes[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes[0] += len;
      }
    };
    FeedWriter.of(format, Granularity.INCIDENT, FeedsTesting.settings())
        .write(FeedHead.of(URI.create("https://status.ninernet.net/feeds/all"), Instant.EPOCH), incidents(count), sink);
    System.out.println(bytes[0]);
  }
}

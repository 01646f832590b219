package io.statuskit.feeds;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** An entry as ROME reads it: title, id, published and updated. */
record RomeEntry(String title, String id, Instant published, Instant updated) {
  static List<RomeEntry> read(byte[] document) throws Exception {
    WireFeed feed = RomeReadBackTest.parse(document);
    if (feed instanceof Channel) {
      return ((Channel) feed).getItems().stream()
          .map(i -> new RomeEntry(i.getTitle(), i.getGuid().getValue(), i.getPubDate().toInstant(), i.getPubDate().toInstant()))
          .collect(Collectors.toList());
    }
    return ((Feed) feed).getEntries().stream()
        .map(e -> new RomeEntry(e.getTitle(), e.getId(), e.getPublished().toInstant(), e.getUpdated().toInstant()))
        .collect(Collectors.toList());
  }
}

package io.statuskit.benchmarks;

import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.statuskit.core.StatusBoard;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedSettings;
import io.statuskit.feeds.FeedWriter;
import io.statuskit.feeds.Granularity;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing the update feed of a board ({@code incidents} incidents of five updates each, so five
 * times as many entries) as RSS 2.0, Atom 1.0 and JSON Feed: StatusKit's streaming writers
 * against ROME 2.1.0 ({@code SyndFeed} built from the incidents, then {@code SyndFeedOutput}) and
 * Jackson databind (plain objects built from the incidents, then {@code writeValue}), and a
 * hand-written writer of the same RSS bytes as the floor. Bytes go to a sink that counts them.
 * Allocation per entry is {@code gc.alloc.rate.norm} (from {@code -prof gc}) divided by the
 * entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeedBenchmark {
  /** Incidents on the board; each has five updates, so the feed has five times as many entries. */
  @Param({"1000", "10000"})
  public int incidents;

  StatusBoard board = StatusBoard.empty();
  FeedWriter rss = writer(FeedFormat.RSS);
  FeedWriter atom = writer(FeedFormat.ATOM);
  FeedWriter json = writer(FeedFormat.JSON_FEED);
  private final CountingSink sink = new CountingSink();
  private final BareRssWriter bare = new BareRssWriter();

  /** The settings every StatusKit writer uses; the peers write the same values. */
  static FeedSettings settings() {
    return FeedSettings.builder()
        .title(FeedPeers.TITLE)
        .siteUrl(FeedPeers.SITE)
        .tagDate(LocalDate.of(2015, 1, 1))
        .incidentUrlTemplate(FeedPeers.SITE + "incidents/{id}")
        .clock(Clock.fixed(Fixtures.END, ZoneOffset.UTC))
        .build();
  }

  static FeedWriter writer(FeedFormat format) {
    return FeedWriter.of(format, Granularity.UPDATE, settings());
  }

  /** Builds the board. */
  @Setup
  public void setUp() {
    board = Fixtures.board(incidents);
    board.incidents();
  }

  long statuskit(FeedWriter writer) throws IOException {
    writer.write(FeedHead.of(writer.subscriptionUrl(), Fixtures.END), board.incidents().iterator(), sink.reset());
    return sink.count();
  }

  long rome(String type) throws IOException, FeedException {
    Writer out = new OutputStreamWriter(sink.reset(), StandardCharsets.UTF_8);
    new SyndFeedOutput().output(FeedPeers.rome(board.incidents().iterator(), type, Fixtures.END), out);
    out.flush();
    return sink.count();
  }

  /** StatusKit, RSS 2.0. */
  @Benchmark
  public long rssStatuskit() throws IOException {
    return statuskit(rss);
  }

  /** ROME, RSS 2.0. */
  @Benchmark
  public long rssRome() throws IOException, FeedException {
    return rome("rss_2.0");
  }

  /** The floor: the same RSS bytes, hand-written. */
  @Benchmark
  public long rssFloor() throws IOException {
    bare.write(board.incidents().iterator(), Fixtures.END, sink.reset());
    return sink.count();
  }

  /** StatusKit, Atom 1.0. */
  @Benchmark
  public long atomStatuskit() throws IOException {
    return statuskit(atom);
  }

  /** ROME, Atom 1.0. */
  @Benchmark
  public long atomRome() throws IOException, FeedException {
    return rome("atom_1.0");
  }

  /** StatusKit, JSON Feed 1.1. */
  @Benchmark
  public long jsonFeedStatuskit() throws IOException {
    return statuskit(json);
  }

  /** Jackson databind over plain objects, JSON Feed 1.1. */
  @Benchmark
  public long jsonFeedJackson() throws IOException {
    FeedPeers.MAPPER.writeValue(sink.reset(), FeedPeers.jsonFeed(board.incidents().iterator(), Fixtures.END));
    return sink.count();
  }
}

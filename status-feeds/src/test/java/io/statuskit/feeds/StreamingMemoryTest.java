package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A feed of 1,000,000 entries streams through a JVM with a 64 MB heap. RSS shares Atom's sink and
 * escaping, so Atom (XML) and JSON Feed (Jackson) cover both paths.
 */
class StreamingMemoryTest {
  @ParameterizedTest
  @EnumSource(value = FeedFormat.class, names = {"ATOM", "JSON_FEED"})
  void aMillionEntriesWriteUnderA64MegabyteHeap(FeedFormat format) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        MillionEntries.class.getName(), format.name(), "1000000")
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(Long.parseLong(output.strip())).isGreaterThan(1_000_000_000L);
  }
}

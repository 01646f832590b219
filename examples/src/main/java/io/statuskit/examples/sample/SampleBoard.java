package io.statuskit.examples.sample;

import com.google.common.io.Resources;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.json.StatusJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The NinerNet sample board (the servers, posts, tags and categories of the seed page), shipped as
 * a resource in the JSON codec's format ({@value StatusJson#FORMAT}); a test checks it equals
 * what the testkit's {@code NinerNetSample} and the codec produce. Thread-safe (stateless).
 */
public final class SampleBoard {
  private static final String RESOURCE = "ninernet.json";

  private SampleBoard() {}

  /** The resource's bytes. */
  public static byte[] resourceBytes() {
    URL url = SampleBoard.class.getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("sample: resource " + RESOURCE + " is missing from the class path");
    }
    try {
      return Resources.toByteArray(url);
    } catch (IOException e) {
      throw new UncheckedIOException("sample: cannot read " + RESOURCE, e);
    }
  }

  /** The sample board. */
  public static StatusBoard load() {
    return StatusJson.readBoard(resourceBytes());
  }
}

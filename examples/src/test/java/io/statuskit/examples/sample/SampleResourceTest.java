package io.statuskit.examples.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.json.StatusJson;
import io.statuskit.testkit.NinerNetSample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sample the server ships as a resource is exactly what the testkit's {@link NinerNetSample}
 * and the JSON codec produce, so the two cannot drift. To regenerate the resource after a change
 * of either, run this test with {@code -Dstatuskit.regenerateSample=true}.
 */
class SampleResourceTest {
  private static final Path SOURCE = Path.of("src/main/resources/io/statuskit/examples/sample/ninernet.json");

  @Test
  void theShippedSampleIsWhatTheTestkitSampleAndTheCodecProduce() throws Exception {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    StatusJson.exportBoard(NinerNetSample.board(), expected);
    if (Boolean.getBoolean("statuskit.regenerateSample")) {
      Files.write(SOURCE, expected.toByteArray());
    }

    byte[] shipped = SampleBoard.resourceBytes();

    assertThat(new String(shipped, StandardCharsets.UTF_8))
        .as("the resource %s; regenerate it with -Dstatuskit.regenerateSample=true", SOURCE)
        .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    assertThat(SampleBoard.load()).isEqualTo(NinerNetSample.board());
  }
}

package io.statuskit.examples.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  private static final CheckRow UP = new CheckRow("NC036", "smtp 127.0.0.1:2525", "up", Duration.ofMillis(12), null, null);
  private static final CheckRow DOWN =
      new CheckRow("NC041", "http http://127.0.0.1:9/", "down", null, "connect_refused", "Connection refused");

  @Test
  void allUpExitsZeroAndAnythingElseExitsOne() {
    assertThat(new CheckReport(ImmutableList.of(UP)).exitCode()).isZero();
    assertThat(new CheckReport(ImmutableList.of(UP, DOWN)).exitCode()).isEqualTo(1);
    CheckRow degraded = new CheckRow("NC042", "http", "degraded", Duration.ofSeconds(3), "slow", "3000 ms over 1000 ms");
    assertThat(new CheckReport(ImmutableList.of(UP, degraded)).exitCode()).isEqualTo(1);
  }

  @Test
  void theTableAlignsColumnsAndSummarizes() {
    java.util.List<String> lines = new CheckReport(ImmutableList.of(UP, DOWN)).table().lines().toList();

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("SERVER  PROBE ");
    for (String column : new String[] {"PROBE", "OUTCOME", "LATENCY", "DETAIL"}) {
      int at = lines.get(0).indexOf(column);
      assertThat(lines.get(2).charAt(at - 1)).as(column).isEqualTo(' ');
      assertThat(lines.get(2).charAt(at)).as(column).isNotEqualTo(' ');
      if (!column.equals("DETAIL")) {
        assertThat(lines.get(1).charAt(at)).as(column).isNotEqualTo(' ');
      }
    }
    assertThat(lines.get(1)).contains("smtp 127.0.0.1:2525", "UP", "12 ms").endsWith("12 ms");
    assertThat(lines.get(2)).contains("DOWN", " - ").endsWith("connect_refused: Connection refused");
    assertThat(lines.get(3)).isEqualTo("1 of 2 probes up");
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new CheckReport(ImmutableList.of(UP, DOWN)).json());

    assertThat(json.size()).isEqualTo(2);
    assertThat(json.get(0).get("server").asText()).isEqualTo("NC036");
    assertThat(json.get(0).get("latencyMillis").asLong()).isEqualTo(12);
    assertThat(json.get(0).get("error").isNull()).isTrue();
    assertThat(json.get(1).get("outcome").asText()).isEqualTo("down");
    assertThat(json.get(1).get("latencyMillis").isNull()).isTrue();
    assertThat(json.get(1).get("error").get("kind").asText()).isEqualTo("connect_refused");
    assertThat(json.get(1).get("error").get("message").asText()).isEqualTo("Connection refused");
  }
}

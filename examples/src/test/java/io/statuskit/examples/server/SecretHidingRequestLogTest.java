package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access log never holds a heartbeat's secret. */
class SecretHidingRequestLogTest {
  @Test
  void theSecretSegmentOfAHeartbeatPathIsHidden() {
    assertThat(StatusPageServer.SecretHidingRequestLog.hidePath("/heartbeat/NC050/s3cret-0123456789ab"))
        .isEqualTo("/heartbeat/NC050/***");
    assertThat(StatusPageServer.SecretHidingRequestLog.hidePath("/status/heartbeat/NC050/s3cret-0123456789ab/fail"))
        .isEqualTo("/status/heartbeat/NC050/***/fail");
    assertThat(StatusPageServer.SecretHidingRequestLog.hidePath("/heartbeat/NC050")).isEqualTo("/heartbeat/NC050");
    assertThat(StatusPageServer.SecretHidingRequestLog.hidePath("/servers/NC050/")).isEqualTo("/servers/NC050/");
  }
}

package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access log never holds a heartbeat's secret or a subscription link's token. */
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

  @Test
  void theTokenOfASubscriptionLinkIsHidden() {
    assertThat(StatusPageServer.SecretHidingRequestLog.hideQuery("token=abcDEF-_0123456789")).isEqualTo("token=***");
    assertThat(StatusPageServer.SecretHidingRequestLog.hideQuery("a=1&token=abc&b=2")).isEqualTo("a=1&token=***&b=2");
    assertThat(StatusPageServer.SecretHidingRequestLog.hideQuery("notatoken=abc&q=spam")).isEqualTo("notatoken=abc&q=spam");
  }
}

package io.statuskit.feeds;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The feed settings of the seed's page (NinerNet Communications' "System Status") for this
 * module's tests; the board and its posts come from {@code io.statuskit.testkit.NinerNetSample}.
 * Thread-safe: stateless.
 */
final class FeedsTesting {
  /** The clock of {@link #settings()}: mid-February 2022, after every post of the sample. */
  static final Instant NOW = Instant.parse("2022-02-15T00:00:00Z");

  /** The seed board's incidents' titles, newest first: one entry each in a per-incident feed. */
  static final java.util.List<String> INCIDENT_TITLES =
      java.util.List.of(
          "NC027: Mail server shut down",
          "NC023: Relay server stopped to clean up spam",
          "Email migration: Update 14",
          "Email migration: Update 13",
          "Spam defences on server NC018",
          "Spam defences on server NC018",
          "Spam defences on server NC018",
          "Server NC018 replacement: Update 6");

  private FeedsTesting() {}

  static FeedSettings settings() {
    return settings(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static FeedSettings settings(Clock clock) {
    return FeedSettings.builder()
        .title("NinerNet Communications\u2122 System Status")
        .description("Server and System Status")
        .siteUrl("https://status.ninernet.net/")
        .tagDate(LocalDate.of(2013, 5, 1))
        .author("NinerNet Communications", "support@ninernet.net")
        .incidentUrlTemplate("https://status.ninernet.net/incidents/{id}")
        .clock(clock)
        .build();
  }
}

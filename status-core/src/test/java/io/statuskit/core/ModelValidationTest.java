package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

  @Test
  void serverIdsAllowLettersDigitsDashUnderscoreAndDot() {
    assertThat(Server.builder("NC027").build().id()).isEqualTo("NC027");
    assertThat(Server.builder("db-1_eu.west").build().id()).isEqualTo("db-1_eu.west");
  }

  @Test
  void illegalIdCharactersAreRejectedWithFieldAndValue() {
    assertThatThrownBy(() -> Server.builder("NC 027").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.id")
        .hasMessageContaining("\"NC 027\"");
    assertThatThrownBy(() -> Server.builder("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.id");
    assertThatThrownBy(() -> Server.builder("x".repeat(65)).build())
        .hasMessageContaining("server.id")
        .hasMessageContaining("65 chars");
  }

  @Test
  void blankTitleIsRejectedNamingTheField() {
    assertThatThrownBy(() -> Command.OpenIncident.incident("   ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident.title")
        .hasMessageContaining("blank");
  }

  @Test
  void absurdlyLongTitleIsRejectedWithItsLengthAndAShortenedValue() {
    String tenMegabytes = "a".repeat(10 * 1024 * 1024);
    assertThatThrownBy(() -> Command.OpenIncident.incident(tenMegabytes).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident.title")
        .hasMessageContaining("10485760 chars")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void bodiesOverAMillionCharsAreRejected() {
    assertThatThrownBy(() -> Body.plain("b".repeat(1_000_001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
  }

  @Test
  void tagSlugsAreStableAndUrlSafe() {
    assertThat(Tag.of(".co.zm domains").slug()).isEqualTo("co-zm-domains");
    assertThat(Tag.of("Shaw Communications Inc.").slug()).isEqualTo("shaw-communications-inc");
    assertThat(Tag.of("SSL certificate").slug()).isEqualTo("ssl-certificate");
    // letters outside ASCII are kept (percent-encoded UTF-8, an IRI in a browser), not folded
    // into "cafe-deja-vu", which would merge "Café" with "Cafe"
    assertThat(Tag.of("Café déjà vu").slug()).isEqualTo("caf%c3%a9-d%c3%a9j%c3%a0-vu");
    assertThat(Tag.of("🔥").slug()).isEqualTo("%f0%9f%94%a5");
    assertThat(Category.of("Email delivery").slug()).isEqualTo("email-delivery");
  }

  @Test
  void tagsWithTheSameSlugAreEqual() {
    assertThat(Tag.of("DNS")).isEqualTo(Tag.of("dns"));
  }

  @Test
  void locationsTakeIsoCodesAndEnglishNames() {
    assertThat(Location.of("London", "GB").countryName()).isEqualTo("United Kingdom");
    assertThat(Location.of("Lusaka", "ZM").toString()).isEqualTo("Lusaka, Zambia");
    assertThat(Location.of("New York", "US", "United States of America").toString())
        .isEqualTo("New York, United States of America");
    assertThatThrownBy(() -> Location.of("Atlantis", "XX"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location.countryCode")
        .hasMessageContaining("\"XX\"");
    assertThatThrownBy(() -> Location.of("London", "gb"))
        .hasMessageContaining("location.countryCode");
  }

  @Test
  void maintenanceWindowMustEndAfterItStarts() {
    Instant start = Instant.parse("2013-05-03T19:00:00Z");
    assertThatThrownBy(() -> MaintenanceWindow.of(start, start))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window.end");
  }

  @Test
  void aServerCannotBeReplacedByItself() {
    assertThatThrownBy(
            () ->
                Server.builder("NC018")
                    .retirement(new Retirement(Instant.EPOCH, "NC018"))
                    .build())
        .hasMessageContaining("replacedBy");
  }

  @Test
  void statusesAreOrderedBySeverityAndMapToStatuspageNames() {
    assertThat(Status.values())
        .containsExactly(
            Status.OPERATIONAL,
            Status.UNKNOWN,
            Status.UNDER_MAINTENANCE,
            Status.DEGRADED_PERFORMANCE,
            Status.PARTIAL_OUTAGE,
            Status.MAJOR_OUTAGE);
    assertThat(Status.MAJOR_OUTAGE.key()).isEqualTo("major_outage");
    assertThat(Status.fromKey("degraded_performance")).isEqualTo(Status.DEGRADED_PERFORMANCE);
    assertThatThrownBy(() -> Status.fromKey("sleeping"))
        .hasMessageContaining("status")
        .hasMessageContaining("\"sleeping\"");
    assertThat(Status.DEGRADED_PERFORMANCE.worst(Status.PARTIAL_OUTAGE)).isEqualTo(Status.PARTIAL_OUTAGE);
  }
}

package io.statuskit.core;

import static io.statuskit.core.Status.DEGRADED_PERFORMANCE;
import static io.statuskit.core.Status.MAJOR_OUTAGE;
import static io.statuskit.core.Status.OPERATIONAL;
import static io.statuskit.core.Status.UNKNOWN;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Probe locations: each keeps its own verdict, the server's status is what a quorum agrees on. */
class VantageQuorumTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2016-11-23T13:00:00Z");
  private static final Instant NOW = T0.toInstant();

  private static VantageVerdict verdict(String name, @Nullable Status status, Instant until) {
    return new VantageVerdict(name, status, null, status == null ? null : NOW, NOW, until, null);
  }

  private static VantageVerdict fresh(String name, Status status) {
    return verdict(name, status, NOW.plusSeconds(60));
  }

  private static VantageVerdict stale(String name, Status status) {
    return verdict(name, status, NOW.minusSeconds(1));
  }

  @Test
  void twoOfThreeMakeTheStatusOneDoesNot() {
    VantageQuorum quorum = VantageQuorum.majority();
    assertThat(quorum.combine(List.of(fresh("a", MAJOR_OUTAGE), fresh("b", MAJOR_OUTAGE), fresh("c", OPERATIONAL)), NOW))
        .isEqualTo(MAJOR_OUTAGE);
    assertThat(quorum.combine(List.of(fresh("a", MAJOR_OUTAGE), fresh("b", OPERATIONAL), fresh("c", OPERATIONAL)), NOW))
        .isEqualTo(OPERATIONAL);
    assertThat(quorum.combine(List.of(fresh("a", MAJOR_OUTAGE), fresh("b", DEGRADED_PERFORMANCE), fresh("c", OPERATIONAL)), NOW))
        .as("two agree it is at least degraded")
        .isEqualTo(DEGRADED_PERFORMANCE);
  }

  @Test
  void aStaleLocationDoesNotCountAndTooFewFreshOnesAreNoData() {
    VantageQuorum quorum = VantageQuorum.majority();
    assertThat(quorum.combine(List.of(fresh("a", MAJOR_OUTAGE), fresh("b", OPERATIONAL), stale("c", MAJOR_OUTAGE)), NOW))
        .isEqualTo(OPERATIONAL);
    assertThat(quorum.combine(List.of(fresh("a", MAJOR_OUTAGE), stale("b", MAJOR_OUTAGE), stale("c", MAJOR_OUTAGE)), NOW))
        .as("one fresh location of three is no majority")
        .isEqualTo(UNKNOWN);
    assertThat(quorum.combine(List.of(fresh("a", OPERATIONAL), verdict("b", null, NOW.plusSeconds(60))), NOW))
        .as("a location without a verdict yet does not count")
        .isEqualTo(UNKNOWN);
    assertThat(VantageQuorum.atLeast(1).combine(List.of(fresh("a", MAJOR_OUTAGE), stale("b", OPERATIONAL)), NOW))
        .isEqualTo(MAJOR_OUTAGE);
  }

  @Test
  void theServerIsWatchedUntilTheQuorumsLastReportLapses() {
    VantageQuorum quorum = VantageQuorum.majority();
    VantageVerdict a = verdict("a", OPERATIONAL, NOW.plusSeconds(180));
    VantageVerdict b = verdict("b", OPERATIONAL, NOW.plusSeconds(120));
    VantageVerdict c = verdict("c", OPERATIONAL, NOW.plusSeconds(60));
    assertThat(quorum.covering(List.of(a, b, c))).isEqualTo(b);
    assertThat(VantageQuorum.atLeast(3).covering(List.of(a, b, c))).isEqualTo(c);
    assertThat(VantageQuorum.atLeast(3).covering(List.of(a, b))).isNull();
  }

  @Test
  void aBadQuorumOrNameIsRefusedNamingTheField() {
    assertThatThrownBy(() -> VantageQuorum.atLeast(0)).hasMessageContaining("vantage.quorum").hasMessageContaining("0");
    assertThatThrownBy(() -> new VantageQuorum(101)).hasMessageContaining("vantage.quorum").hasMessageContaining("101");
    assertThatThrownBy(() -> Vantage.of("new york")).hasMessageContaining("vantage").hasMessageContaining("new york");
  }

  // ---------------------------------------------------------------- on the board

  private final InMemoryStatusStore store = new InMemoryStatusStore();

  private StatusTracker tracker() {
    StatusTracker tracker = StatusTracker.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).store(store).build();
    tracker.execute(new Command.AddServer(Server.builder("NC027").build(), T0));
    return tracker;
  }

  private static void covered(StatusTracker tracker, String location, OffsetDateTime at) {
    tracker.execute(
        new Command.ReportCoverage(
            "monitor",
            ImmutableList.of(new Command.ReportCoverage.Watched("NC027", null)),
            at.plusMinutes(3),
            at,
            Vantage.of(location)));
  }

  private static StatusEvent.HealthReported report(StatusTracker tracker, String location, Status status, OffsetDateTime at) {
    Command.OpenIncident open =
        Command.OpenIncident.incident("NC027: Mail server shut down").affecting("NC027", MAJOR_OUTAGE).build();
    Command.ReportHealth.Resolution resolution = outage -> Body.plain("Back online. It was " + outage.describe(ZoneOffset.UTC) + ".");
    return tracker.reportHealth(
        new Command.ReportHealth(
            "NC027",
            "monitor:NC027",
            status,
            location + " says " + status.key(),
            at,
            status == MAJOR_OUTAGE ? open : null,
            status == MAJOR_OUTAGE ? null : resolution,
            at,
            Vantage.of(location)));
  }

  @Test
  void threeLocationsOpenOneIncidentWhenTheSecondSeesItDownAndResolveItOnceWhenTheQuorumBreaks() {
    try (StatusTracker tracker = tracker()) {
      for (String location : List.of("amsterdam", "frankfurt", "new-york")) {
        covered(tracker, location, T0);
        report(tracker, location, OPERATIONAL, T0);
      }
      OffsetDateTime t = T0.plusMinutes(1);
      covered(tracker, "amsterdam", t);
      covered(tracker, "frankfurt", t);
      covered(tracker, "new-york", t);
      StatusEvent.HealthReported first = report(tracker, "new-york", MAJOR_OUTAGE, t);
      assertThat(first.status()).isEqualTo(OPERATIONAL);
      assertThat(first.opened()).isNull();
      assertThat(tracker.board().status("NC027")).isEqualTo(OPERATIONAL);

      StatusEvent.HealthReported second = report(tracker, "frankfurt", MAJOR_OUTAGE, t.plusSeconds(30));
      assertThat(second.status()).isEqualTo(MAJOR_OUTAGE);
      assertThat(second.opened()).isNotNull();
      assertThat(second.detail()).isEqualTo("frankfurt: frankfurt says major_outage");
      StatusEvent.HealthReported third = report(tracker, "amsterdam", MAJOR_OUTAGE, t.plusSeconds(40));
      assertThat(third.opened()).as("the board refuses a second incident per origin").isNull();
      assertThat(tracker.board().incidents()).hasSize(1);

      StatusEvent.HealthReported back1 = report(tracker, "amsterdam", OPERATIONAL, t.plusMinutes(1));
      assertThat(back1.status()).isEqualTo(MAJOR_OUTAGE);
      assertThat(back1.resolvedIncidentId()).isNull();
      StatusEvent.HealthReported back2 = report(tracker, "new-york", OPERATIONAL, t.plusMinutes(1).plusSeconds(10));
      assertThat(back2.status()).isEqualTo(OPERATIONAL);
      assertThat(back2.resolvedIncidentId()).isNotNull();
      StatusEvent.HealthReported back3 = report(tracker, "frankfurt", OPERATIONAL, t.plusMinutes(1).plusSeconds(20));
      assertThat(back3.resolvedIncidentId()).isNull();

      Incident incident = tracker.board().incidents().get(0);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.updates()).hasSize(2);
      assertThat(incident.latestUpdate().body().text()).contains("between 13:01 and 13:02 UTC");
      Coverage coverage = requireNonNull(tracker.board().serverStatus("NC027").orElseThrow().coverage());
      assertThat(coverage.vantages().keySet()).containsExactly("amsterdam", "frankfurt", "new-york");
      assertThat(requireNonNull(coverage.vantages().get("frankfurt")).status()).isEqualTo(OPERATIONAL);
    }
  }

  @Test
  void locationsAndTheirVerdictsSurviveTheJsonCodecAndAReplay() {
    try (StatusTracker tracker = tracker()) {
      covered(tracker, "amsterdam", T0);
      report(tracker, "amsterdam", MAJOR_OUTAGE, T0);
      tracker.execute(
          new Command.ReportCoverage(
              "monitor",
              ImmutableList.of(new Command.ReportCoverage.Watched("NC027", T0.toInstant())),
              T0.plusMinutes(3),
              T0,
              new Vantage("frankfurt", VantageQuorum.atLeast(2))));
      StatusBoard board = tracker.board();
      assertThat(StatusJson.readBoard(StatusJson.writeBoard(board)).serverStatus("NC027"))
          .isEqualTo(board.serverStatus("NC027"));

      StatusBoard replayed = StatusBoard.empty();
      for (StatusEvent event : store.eventsAfter(0)) {
        byte[] json = StatusJson.writeEvent(event);
        StatusEvent read = StatusJson.readEvent(json);
        assertThat(read).isEqualTo(event);
        replayed = replayed.apply(read);
      }
      assertThat(replayed.serverStatus("NC027")).isEqualTo(board.serverStatus("NC027"));
      String text = new String(StatusJson.writeEvent(store.eventsAfter(0).get(store.eventsAfter(0).size() - 1)), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("\"vantage\":{\"name\":\"frankfurt\",\"quorum\":2}");
    }
  }

  @Test
  void aLocationGoneForGoodIsForgottenAndNoLongerRaisesTheMajority() {
    try (StatusTracker tracker = tracker()) {
      for (String location : List.of("amsterdam", "frankfurt", "new-york", "tokyo")) {
        covered(tracker, location, T0);
        report(tracker, location, OPERATIONAL, T0);
      }
      // tokyo is gone: the three others report on, and two of them see the server down
      OffsetDateTime t = T0.plusMinutes(5);
      for (String location : List.of("amsterdam", "frankfurt", "new-york")) {
        covered(tracker, location, t);
      }
      report(tracker, "frankfurt", MAJOR_OUTAGE, t);
      assertThat(report(tracker, "new-york", MAJOR_OUTAGE, t).status())
          .as("two of four known locations are no majority")
          .isEqualTo(OPERATIONAL);

      assertThatThrownBy(() -> tracker.forgetVantage("sydney"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("vantage: no server has a verdict from \"sydney\"");
      long version = tracker.board().version();
      tracker.forgetVantage("tokyo");
      assertThat(tracker.board().version()).isEqualTo(version + 1);
      Coverage coverage = requireNonNull(tracker.board().serverStatus("NC027").orElseThrow().coverage());
      assertThat(coverage.vantages().keySet()).containsExactly("amsterdam", "frankfurt", "new-york");

      StatusEvent.HealthReported next = report(tracker, "new-york", MAJOR_OUTAGE, t.plusSeconds(30));
      assertThat(next.status()).as("two of three known locations are a majority").isEqualTo(MAJOR_OUTAGE);
      assertThat(next.opened()).isNotNull();

      StatusBoard replayed = StatusBoard.empty();
      for (StatusEvent event : store.eventsAfter(0)) {
        StatusEvent read = StatusJson.readEvent(StatusJson.writeEvent(event));
        assertThat(read).isEqualTo(event);
        replayed = replayed.apply(read);
      }
      assertThat(replayed.serverStatus("NC027")).isEqualTo(tracker.board().serverStatus("NC027"));
      StatusEvent forgotten = store.eventsAfter(version).get(0);
      assertThat(new String(StatusJson.writeEvent(forgotten), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"type\":\"vantage_forgotten\"", "\"vantage\":\"tokyo\"");
      assertThatThrownBy(() -> new Command.ForgetVantage("not a name", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vantage");
    }
  }

  @Test
  void aReportWithoutALocationWritesWhatItAlwaysWrote() {
    try (StatusTracker tracker = tracker()) {
      StatusEvent.HealthReported reported =
          tracker.reportHealth(new Command.ReportHealth("NC027", "monitor:NC027", MAJOR_OUTAGE, null, T0, null, null, T0));
      assertThat(reported.vantage()).isNull();
      assertThat(new String(StatusJson.writeEvent(reported), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("vantage");
      assertThat(tracker.board().status("NC027")).isEqualTo(MAJOR_OUTAGE);
    }
  }
}

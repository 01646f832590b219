package io.statuskit.testkit.assertj;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.Indicator;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.testkit.internal.Describe;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link StatusBoard}; {@link #server} and {@link #incident} lead on to a server's
 * or an incident's assertions. Not thread-safe (one per assertion chain, as AssertJ's).
 */
public final class StatusBoardAssert extends AbstractAssert<StatusBoardAssert, StatusBoard> {

  StatusBoardAssert(StatusBoard actual) {
    super(actual, StatusBoardAssert.class);
  }

  /** Goes on to the server with this id; fails, naming the servers there are, if none has it. */
  public ServerStatusAssert server(String id) {
    isNotNull();
    Optional<ServerStatus> server = actual.serverStatus(id);
    if (server.isEmpty()) {
      failWithMessage(
          "Expecting the board to have server %s but it has only %s", id, serverIds(actual.servers()));
    }
    return new ServerStatusAssert(server.orElseThrow());
  }

  /** Goes on to the incident with this id; fails, naming the incidents there are, if none has it. */
  public IncidentAssert incident(String id) {
    isNotNull();
    Optional<Incident> incident = actual.incident(id);
    if (incident.isEmpty()) {
      failWithMessage("Expecting the board to have incident %s but it has only %s", id, described(actual.incidents()));
    }
    return new IncidentAssert(incident.orElseThrow());
  }

  /** Checks the board's version. */
  public StatusBoardAssert hasVersion(long version) {
    isNotNull();
    if (actual.version() != version) {
      failWithActualExpectedAndMessage(
          actual.version(), version, "Expecting board version %s but was %s", version, actual.version());
    }
    return this;
  }

  /** Checks the glance table lists exactly these servers, in this order. */
  public StatusBoardAssert hasGlance(String... ids) {
    isNotNull();
    List<String> glance = serverIds(actual.glance());
    if (!glance.equals(Arrays.asList(ids))) {
      failWithActualExpectedAndMessage(
          glance, Arrays.asList(ids), "Expecting the glance table to list%n  %s%nbut it lists%n  %s",
          Arrays.asList(ids), glance);
    }
    return this;
  }

  /** Checks the overall indicator. */
  public StatusBoardAssert hasIndicator(Indicator indicator) {
    isNotNull();
    if (actual.indicator() != indicator) {
      failWithActualExpectedAndMessage(
          actual.indicator(), indicator, "Expecting indicator %s (%s) but was %s (%s)",
          indicator.key(), indicator.description(), actual.indicator().key(), actual.indicator().description());
    }
    return this;
  }

  /** Checks the open incidents (kind incident, not resolved) are exactly these, in any order. */
  public StatusBoardAssert hasOpenIncidents(String... ids) {
    isNotNull();
    List<String> open = actual.openIncidents().stream().map(Incident::id).collect(Collectors.toList());
    if (!new HashSet<>(open).equals(new HashSet<>(Arrays.asList(ids))) || open.size() != ids.length) {
      failWithActualExpectedAndMessage(
          open, Arrays.asList(ids), "Expecting open incidents %s but they are %s", Arrays.asList(ids), open);
    }
    return this;
  }

  /** Checks no incident is open. */
  public StatusBoardAssert hasNoOpenIncidents() {
    return hasOpenIncidents();
  }

  /** Checks how many incidents, maintenances and notices the board holds. */
  public StatusBoardAssert hasIncidentCount(int count) {
    isNotNull();
    if (actual.incidentCount() != count) {
      failWithMessage(
          "Expecting %s incidents but the board holds %s: %s", count, actual.incidentCount(), described(actual.incidents()));
    }
    return this;
  }

  /** Checks the board keeps every rule of {@link BoardInvariants}, listing each one it breaks. */
  public StatusBoardAssert isConsistent() {
    isNotNull();
    ImmutableList<String> problems = BoardInvariants.violations(actual);
    if (!problems.isEmpty()) {
      failWithMessage(
          "Expecting board version %s to be consistent but:%n  %s", actual.version(), String.join("\n  ", problems));
    }
    return this;
  }

  private static List<String> serverIds(List<ServerStatus> servers) {
    return servers.stream().map(ServerStatus::id).collect(Collectors.toList());
  }

  private static List<String> described(List<Incident> incidents) {
    return incidents.stream().map(Describe::incident).collect(Collectors.toList());
  }
}

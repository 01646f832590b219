package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an applied command changed, fully specified: ids assigned and times fixed. Events are what
 * the {@link io.statuskit.core.spi.StatusStore} persists and what listeners receive; replaying
 * them in {@link #sequence()} order onto an empty board ({@link StatusBoard#apply}) rebuilds the
 * board exactly. Immutable and thread-safe.
 */
public sealed interface StatusEvent {
  /** The board version this event produced: 1 for the first event, then one more each. */
  long sequence();

  /** When the event was applied (the tracker's clock, or the time a command gave). */
  Instant at();

  /**
   * A server was added.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param server the server
   */
  record ServerAdded(long sequence, Instant at, Server server) implements StatusEvent {
    /** Checks the parts are present. */
    public ServerAdded {
      requireNonNull(at, "at");
      requireNonNull(server, "server");
    }
  }

  /**
   * A server's description changed (name, location, role, visibility, group, tags).
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param server the server as it is now
   */
  record ServerChanged(long sequence, Instant at, Server server) implements StatusEvent {
    /** Checks the parts are present. */
    public ServerChanged {
      requireNonNull(at, "at");
      requireNonNull(server, "server");
    }
  }

  /**
   * A server was retired: it leaves the glance table and keeps its history.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param serverId the server
   * @param replacedBy the server that replaced it, or null
   */
  record ServerRetired(long sequence, Instant at, String serverId, @Nullable String replacedBy)
      implements StatusEvent {
    /** Checks the parts. */
    public ServerRetired {
      requireNonNull(at, "at");
      Checks.id("serverId", serverId);
    }
  }

  /**
   * A server was removed with its history; only servers no incident names can be removed.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param serverId the server
   */
  record ServerRemoved(long sequence, Instant at, String serverId) implements StatusEvent {
    /** Checks the parts. */
    public ServerRemoved {
      requireNonNull(at, "at");
      Checks.id("serverId", serverId);
    }
  }

  /**
   * A probe location gone for good was forgotten: its verdicts left every server's coverage.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param vantage the location's name
   */
  record VantageForgotten(long sequence, Instant at, String vantage) implements StatusEvent {
    /** Checks the parts. */
    public VantageForgotten {
      requireNonNull(at, "at");
      Checks.id("vantage", vantage);
    }
  }

  /**
   * A server's status was observed (by a probe, a person or another system).
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param serverId the server
   * @param status what was observed
   * @param detail a short note such as "connect timed out after 5s", or null
   */
  record StatusObserved(
      long sequence, Instant at, String serverId, Status status, @Nullable String detail)
      implements StatusEvent {
    /** Checks the parts. */
    public StatusObserved {
      requireNonNull(at, "at");
      Checks.id("serverId", serverId);
      requireNonNull(status, "status");
    }
  }

  /**
   * An incident, maintenance or notice was opened, with its first update.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param incident the incident as opened
   */
  record IncidentOpened(long sequence, Instant at, Incident incident) implements StatusEvent {
    /** Checks the parts are present. */
    public IncidentOpened {
      requireNonNull(at, "at");
      requireNonNull(incident, "incident");
    }
  }

  /**
   * An update was posted to an incident (including resolutions, maintenance steps and addenda).
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param incidentId the incident
   * @param update the update
   */
  record IncidentUpdated(long sequence, Instant at, String incidentId, IncidentUpdate update)
      implements StatusEvent {
    /** Checks the parts. */
    public IncidentUpdated {
      requireNonNull(at, "at");
      Checks.id("incidentId", incidentId);
      requireNonNull(update, "update");
    }
  }

  /**
   * A maintenance window was moved.
   *
   * @param sequence the board version this event produced
   * @param at when
   * @param incidentId the maintenance
   * @param window the new window
   */
  record MaintenanceRescheduled(
      long sequence, Instant at, String incidentId, MaintenanceWindow window)
      implements StatusEvent {
    /** Checks the parts. */
    public MaintenanceRescheduled {
      requireNonNull(at, "at");
      Checks.id("incidentId", incidentId);
      requireNonNull(window, "window");
    }
  }

  /**
   * A monitor reported a server's health ({@link Command.ReportHealth}): one observation, and the
   * incident it opened or resolved with it, kept and applied as one step.
   *
   * @param sequence the board version this event produced
   * @param at when the report was made
   * @param serverId the server
   * @param origin who reported, such as {@code "monitor:NC036"}
   * @param status the status the monitor settled on
   * @param detail a short note, or null
   * @param observedAt when the status holds from: the start of the streak that led to it
   * @param opened the incident opened with it (its origin is {@code origin}), or null
   * @param resolvedIncidentId the incident it resolved, or null
   * @param resolution the update that resolved it; present exactly when {@code resolvedIncidentId} is
   * @param vantage with a probe location, that location's own report; then {@code status} is what
   *     the quorum of locations made of it (a reader that knows nothing of locations reads the
   *     server's status right); null for a monitor without a location
   */
  record HealthReported(
      long sequence,
      Instant at,
      String serverId,
      String origin,
      Status status,
      @Nullable String detail,
      Instant observedAt,
      @Nullable Incident opened,
      @Nullable String resolvedIncidentId,
      @Nullable IncidentUpdate resolution,
      @Nullable VantageReport vantage)
      implements StatusEvent {
    /** A report of a monitor without a probe location. */
    public HealthReported(
        long sequence,
        Instant at,
        String serverId,
        String origin,
        Status status,
        @Nullable String detail,
        Instant observedAt,
        @Nullable Incident opened,
        @Nullable String resolvedIncidentId,
        @Nullable IncidentUpdate resolution) {
      this(sequence, at, serverId, origin, status, detail, observedAt, opened, resolvedIncidentId, resolution, null);
    }

    /** Checks the parts. */
    public HealthReported {
      requireNonNull(at, "at");
      Checks.id("serverId", serverId);
      Checks.line("origin", origin);
      requireNonNull(status, "status");
      requireNonNull(observedAt, "observedAt");
      if ((resolvedIncidentId == null) != (resolution == null)) {
        throw new IllegalArgumentException(
            "resolvedIncidentId and resolution come together: " + resolvedIncidentId + ", " + resolution);
      }
      if (resolvedIncidentId != null) {
        Checks.id("resolvedIncidentId", resolvedIncidentId);
      }
    }
  }

  /**
   * A monitor reported the servers it watches ({@link Command.ReportCoverage}).
   *
   * @param sequence the board version this event produced
   * @param at when the report was made
   * @param origin who reported
   * @param servers the servers it watches, each with the start of its soft failure streak
   * @param until when the report lapses
   * @param vantage the probe location that reported, or null for a monitor without one
   */
  record CoverageReported(
      long sequence,
      Instant at,
      String origin,
      com.google.common.collect.ImmutableList<Command.ReportCoverage.Watched> servers,
      Instant until,
      @Nullable Vantage vantage)
      implements StatusEvent {
    /** A report of a monitor without a probe location. */
    public CoverageReported(
        long sequence,
        Instant at,
        String origin,
        com.google.common.collect.ImmutableList<Command.ReportCoverage.Watched> servers,
        Instant until) {
      this(sequence, at, origin, servers, until, null);
    }

    /** Checks the parts. */
    public CoverageReported {
      requireNonNull(at, "at");
      Checks.line("origin", origin);
      requireNonNull(servers, "servers");
      requireNonNull(until, "until");
      if (until.isBefore(at)) {
        throw new IllegalArgumentException("until " + until + " is before at " + at);
      }
    }
  }

  /**
   * One probe location's own report on a server, as a {@link HealthReported} carries it.
   * Immutable and thread-safe.
   *
   * @param vantage the location and the quorum it reports under
   * @param status the status the location settled on
   * @param detail its note (such as the failing probe's message), or null
   * @param since when the location's streak that led to the status began
   */
  record VantageReport(Vantage vantage, Status status, @Nullable String detail, Instant since) {
    /** Checks the parts. */
    public VantageReport {
      requireNonNull(vantage, "vantage");
      requireNonNull(status, "vantage.status");
      if (detail != null) {
        Checks.line("vantage.detail", detail);
      }
      requireNonNull(since, "vantage.since");
    }
  }
}

package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.internal.Checks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request to change the board, as given to {@link StatusTracker#execute(Command)}. The tracker
 * validates it against the current board, fills in what it leaves open (the time from the
 * tracker's clock, generated ids) and turns it into a {@link StatusEvent}; a rejected command
 * changes nothing.
 *
 * <p>Every command may carry a time ({@code at}); when it is null the tracker's clock supplies
 * it. Times let a host import history (the seed's posts from 2013 to 2016). Immutable and
 * thread-safe.
 */
public sealed interface Command {
  /** When the command takes effect, or null for "now" by the tracker's clock. */
  @Nullable OffsetDateTime at();

  /**
   * Add a server.
   *
   * @param server the server; its id must be new to the board
   * @param at when, or null for now
   */
  record AddServer(Server server, @Nullable OffsetDateTime at) implements Command {
    /** Checks the server is present and its texts are printable. */
    public AddServer {
      checkTexts(requireNonNull(server, "server"));
    }
  }

  /**
   * Replace a server's description (name, location, role, visibility, group, tags); its status,
   * history and retirement stay.
   *
   * @param server the server as it should be; its id must be on the board
   * @param at when, or null for now
   */
  record ChangeServer(Server server, @Nullable OffsetDateTime at) implements Command {
    /** Checks the server is present and its texts are printable. */
    public ChangeServer {
      checkTexts(requireNonNull(server, "server"));
    }
  }

  /**
   * Retire a server: it leaves the glance table and keeps its history and posts.
   *
   * @param serverId the server
   * @param replacedBy the server that replaces it, or null
   * @param at when, or null for now
   */
  record RetireServer(String serverId, @Nullable String replacedBy, @Nullable OffsetDateTime at)
      implements Command {
    /** Checks the ids. */
    public RetireServer {
      Checks.id("serverId", serverId);
      if (replacedBy != null) {
        Checks.id("replacedBy", replacedBy);
      }
    }
  }

  /**
   * Remove a server and its history; refused while any incident names it (retire it instead).
   *
   * @param serverId the server
   * @param at when, or null for now
   */
  record RemoveServer(String serverId, @Nullable OffsetDateTime at) implements Command {
    /** Checks the id. */
    public RemoveServer {
      Checks.id("serverId", serverId);
    }
  }

  /**
   * Forget a probe location ({@link Vantage}) that is gone for good: its verdicts are dropped from
   * every server's coverage, so it is no longer shown as stale and no longer raises how many
   * locations a majority needs. The servers' statuses are combined again from the remaining
   * locations at their next report. Refused when no server has a verdict from the location. A
   * location that reports again afterwards is simply known again.
   *
   * @param vantage the location's name, as its monitor reports it (such as {@code amsterdam})
   * @param at when, or null for now
   */
  record ForgetVantage(String vantage, @Nullable OffsetDateTime at) implements Command {
    /** Checks the name. */
    public ForgetVantage {
      Checks.id("vantage", vantage);
    }
  }

  /**
   * Record an observed status of a server, from a probe, a person or another system.
   *
   * @param serverId the server
   * @param status what was observed
   * @param detail a short note (at most 500 chars), or null
   * @param at when, or null for now
   */
  record ObserveStatus(
      String serverId, Status status, @Nullable String detail, @Nullable OffsetDateTime at)
      implements Command {
    /** Checks the parts. */
    public ObserveStatus {
      Checks.id("serverId", serverId);
      requireNonNull(status, "status");
      if (detail != null) {
        Checks.line("detail", detail);
      }
    }
  }

  /**
   * Open an incident, schedule a maintenance or post a notice, with its first update.
   *
   * @param id the id to use, or null to have one made from the date and title
   * @param kind incident, maintenance or notice
   * @param title the title
   * @param impact how much it affects users
   * @param affected the servers it concerns, with the status each has during it
   * @param tags its tags
   * @param categories its categories
   * @param state the first state, or null for the kind's initial state
   * @param body the first update's text
   * @param statusChanges server statuses the first update declares
   * @param window the window of a maintenance, null for other kinds
   * @param at when, or null for now
   * @param origin who opens it when it is not a person, such as {@code "monitor:NC036"}, or null
   */
  record OpenIncident(
      @Nullable String id,
      IncidentKind kind,
      String title,
      Impact impact,
      ImmutableMap<String, Status> affected,
      ImmutableSet<Tag> tags,
      ImmutableSet<Category> categories,
      @Nullable IncidentState state,
      Body body,
      ImmutableMap<String, Status> statusChanges,
      @Nullable MaintenanceWindow window,
      @Nullable OffsetDateTime at,
      @Nullable String origin)
      implements Command {

    /** Checks the parts. */
    public OpenIncident {
      Checks.optionalLine("incident.origin", origin);
      if (id != null) {
        Checks.id("incident.id", id);
      }
      requireNonNull(kind, "kind");
      Checks.printable("incident.title", Checks.line("incident.title", title), false);
      requireNonNull(impact, "impact");
      requireNonNull(affected, "affected");
      requireNonNull(tags, "tags");
      requireNonNull(categories, "categories");
      checkBody(body);
      requireNonNull(statusChanges, "statusChanges");
      for (Tag tag : tags) {
        Checks.printable("tag", tag.label(), false);
      }
      for (Category category : categories) {
        Checks.printable("category", category.label(), false);
      }
      if (state != null && state.kind() != kind) {
        throw new IllegalArgumentException(
            "state " + state.key() + " is not a state of a " + kind.key());
      }
    }

    /** An incident opened by hand (no origin). */
    public OpenIncident(
        @Nullable String id,
        IncidentKind kind,
        String title,
        Impact impact,
        ImmutableMap<String, Status> affected,
        ImmutableSet<Tag> tags,
        ImmutableSet<Category> categories,
        @Nullable IncidentState state,
        Body body,
        ImmutableMap<String, Status> statusChanges,
        @Nullable MaintenanceWindow window,
        @Nullable OffsetDateTime at) {
      this(id, kind, title, impact, affected, tags, categories, state, body, statusChanges, window, at, null);
    }

    /** A builder for an incident, starting as investigating with impact minor. */
    public static Builder incident(String title) {
      return new Builder(IncidentKind.INCIDENT, title).impact(Impact.MINOR);
    }

    /** A builder for a maintenance in the given window, starting as scheduled. */
    public static Builder maintenance(String title, MaintenanceWindow window) {
      return new Builder(IncidentKind.MAINTENANCE, title).window(window);
    }

    /** A builder for a notice. */
    public static Builder notice(String title) {
      return new Builder(IncidentKind.NOTICE, title);
    }

    /** Builds {@link OpenIncident} commands; not thread-safe. */
    public static final class Builder {
      private final IncidentKind kind;
      private final String title;
      private @Nullable String id;
      private Impact impact = Impact.NONE;
      private final Map<String, Status> affected = new LinkedHashMap<>();
      private final Set<Tag> tags = new LinkedHashSet<>();
      private final Set<Category> categories = new LinkedHashSet<>();
      private @Nullable IncidentState state;
      private @Nullable Body body;
      private final Map<String, Status> statusChanges = new LinkedHashMap<>();
      private @Nullable MaintenanceWindow window;
      private @Nullable OffsetDateTime at;
      private @Nullable String origin;

      private Builder(IncidentKind kind, String title) {
        this.kind = kind;
        this.title = title;
      }

      /** The id to use instead of a generated one. */
      public Builder id(@Nullable String id) {
        this.id = id;
        return this;
      }

      /** How much it affects users. */
      public Builder impact(Impact impact) {
        this.impact = impact;
        return this;
      }

      /** A server it concerns and the status it has during it (descriptive). */
      public Builder affecting(String serverId, Status status) {
        affected.put(serverId, status);
        return this;
      }

      /**
       * A server it concerns whose status the first update also declares, so the server shows
       * {@code status} while the incident is open.
       */
      public Builder declaring(String serverId, Status status) {
        affected.put(serverId, status);
        statusChanges.put(serverId, status);
        return this;
      }

      /** Adds tags made from labels. */
      public Builder tags(String... labels) {
        for (String label : labels) {
          tags.add(Tag.of(label));
        }
        return this;
      }

      /** Adds tags. */
      public Builder tags(Tag... tags) {
        this.tags.addAll(Arrays.asList(tags));
        return this;
      }

      /** Adds categories made from labels. */
      public Builder categories(String... labels) {
        for (String label : labels) {
          categories.add(Category.of(label));
        }
        return this;
      }

      /** Adds categories. */
      public Builder categories(Category... categories) {
        this.categories.addAll(Arrays.asList(categories));
        return this;
      }

      /** The first state, instead of the kind's initial state. */
      public Builder state(IncidentState state) {
        this.state = state;
        return this;
      }

      /** The first update's text. */
      public Builder body(Body body) {
        this.body = body;
        return this;
      }

      /** The first update's text, as plain text. */
      public Builder body(String plainText) {
        return body(Body.plain(plainText));
      }

      /** The window of a maintenance. */
      public Builder window(MaintenanceWindow window) {
        this.window = window;
        return this;
      }

      /** When, instead of now. */
      public Builder at(@Nullable OffsetDateTime at) {
        this.at = at;
        return this;
      }

      /** Who opens it when it is not a person, such as {@code "monitor:NC036"}. */
      public Builder origin(@Nullable String origin) {
        this.origin = origin;
        return this;
      }

      /**
       * Builds the command.
       *
       * @throws IllegalArgumentException naming the field and value that is not valid
       */
      public OpenIncident build() {
        Checks.line("incident.title", title);
        Body first = body == null ? Body.plain(title) : body;
        return new OpenIncident(
            id,
            kind,
            title,
            impact,
            ImmutableMap.copyOf(affected),
            ImmutableSet.copyOf(tags),
            ImmutableSet.copyOf(categories),
            state,
            first,
            ImmutableMap.copyOf(statusChanges),
            window,
            at,
            origin);
      }
    }
  }

  /**
   * Post an update that moves an incident forward (or keeps it where it is while open),
   * including a resolution, a maintenance step or a postmortem.
   *
   * @param incidentId the incident
   * @param state its state after the update
   * @param body what the update says
   * @param statusChanges server statuses the update declares
   * @param at when, or null for now
   * @param title the post's own title ("NC027: Mail server back online"), or null
   */
  record PostUpdate(
      String incidentId,
      IncidentState state,
      Body body,
      ImmutableMap<String, Status> statusChanges,
      @Nullable OffsetDateTime at,
      @Nullable String title)
      implements Command {
    /** Checks the parts. */
    public PostUpdate {
      Checks.id("incidentId", incidentId);
      requireNonNull(state, "state");
      checkBody(body);
      requireNonNull(statusChanges, "statusChanges");
      Checks.printable("update.title", Checks.optionalLine("update.title", title), false);
    }

    /** An update without a title of its own. */
    public PostUpdate(
        String incidentId,
        IncidentState state,
        Body body,
        ImmutableMap<String, Status> statusChanges,
        @Nullable OffsetDateTime at) {
      this(incidentId, state, body, statusChanges, at, null);
    }
  }

  /**
   * Add an addendum to a closed incident; it does not reopen it.
   *
   * @param incidentId the incident
   * @param body what the addendum says
   * @param at when, or null for now
   * @param title the addendum's own title ("Update, 2022-01-24"), or null
   */
  record AddAddendum(
      String incidentId, Body body, @Nullable OffsetDateTime at, @Nullable String title)
      implements Command {
    /** Checks the parts. */
    public AddAddendum {
      Checks.id("incidentId", incidentId);
      checkBody(body);
      Checks.printable("update.title", Checks.optionalLine("update.title", title), false);
    }

    /** An addendum without a title of its own. */
    public AddAddendum(String incidentId, Body body, @Nullable OffsetDateTime at) {
      this(incidentId, body, at, null);
    }
  }

  /**
   * Add an internal note to an incident, for the host's staff only: it keeps the incident's state,
   * may be added at any time (also after a close), and the public never sees it.
   *
   * @param incidentId the incident
   * @param body what the note says
   * @param at when, or null for now
   */
  record AddNote(String incidentId, Body body, @Nullable OffsetDateTime at) implements Command {
    /** Checks the parts. */
    public AddNote {
      Checks.id("incidentId", incidentId);
      checkBody(body);
    }
  }

  /**
   * Move the window of a maintenance that has not closed.
   *
   * @param incidentId the maintenance
   * @param window the new window
   * @param at when, or null for now
   */
  record RescheduleMaintenance(
      String incidentId, MaintenanceWindow window, @Nullable OffsetDateTime at) implements Command {
    /** Checks the parts. */
    public RescheduleMaintenance {
      Checks.id("incidentId", incidentId);
      requireNonNull(window, "window");
    }
  }

  /**
   * Report a server's health as a monitor settled on it, as one step: the status and since when,
   * and the incident the monitor opens or resolves because of it. It becomes one {@link
   * StatusEvent.HealthReported}, so a crash keeps all of it or none of it.
   *
   * <p>The tracker checks the report against the board it applies to, also when it retries after
   * another writer got there first:
   *
   * <ul>
   *   <li>The status is recorded as observed at {@code since}, the start of the streak that led
   *       to it, or at the server's last observation when that is later.
   *   <li>{@code open}, when given, is opened with {@code origin} unless an open incident with
   *       that origin is already on the board (another monitor, or this one before a restart,
   *       opened it): one incident per outage.
   *   <li>{@code resolution}, when given, resolves the open incident with {@code origin}, if there
   *       is one, with the text it makes from the outage that ended: from the start of the outage
   *       on the server's timeline to {@code since} (or moves it to {@link Resolution#state()},
   *       such as monitoring, when a person is to resolve it).
   * </ul>
   *
   * <p>The server must be on the board and not retired.
   *
   * @param serverId the server
   * @param origin who reports, such as {@code "monitor:NC036"}; the key of the incident it owns
   * @param status the status the monitor settled on
   * @param detail a short note (at most 500 chars), or null
   * @param since when the streak that led to this status began
   * @param open the incident to open when none with this origin is open, or null
   * @param resolution the text that resolves the open incident with this origin, or null
   * <p>With a {@code vantage}, the report is one probe location's own verdict: the board keeps
   * the latest verdict of each location, and the server's status is what a quorum of fresh
   * locations agree on ({@link VantageQuorum}); {@code open} is opened only when that quorum
   * makes the server's status an outage, and {@code resolution} resolves only when it no longer
   * is one, so three locations still open and resolve one incident per outage.
   *
   * @param at when the report is made, or null for now
   * @param vantage the probe location that reports, or null for a monitor without one (its status
   *     is the server's)
   */
  record ReportHealth(
      String serverId,
      String origin,
      Status status,
      @Nullable String detail,
      OffsetDateTime since,
      @Nullable OpenIncident open,
      @Nullable Resolution resolution,
      @Nullable OffsetDateTime at,
      @Nullable Vantage vantage)
      implements Command {
    /** A report of a monitor without a probe location. */
    public ReportHealth(
        String serverId,
        String origin,
        Status status,
        @Nullable String detail,
        OffsetDateTime since,
        @Nullable OpenIncident open,
        @Nullable Resolution resolution,
        @Nullable OffsetDateTime at) {
      this(serverId, origin, status, detail, since, open, resolution, at, null);
    }

    /** Checks the parts. */
    public ReportHealth {
      Checks.id("serverId", serverId);
      Checks.line("origin", origin);
      requireNonNull(status, "status");
      if (detail != null) {
        Checks.line("detail", detail);
      }
      requireNonNull(since, "since");
      if (open != null) {
        if (open.kind() != IncidentKind.INCIDENT) {
          throw new IllegalArgumentException("open.kind must be incident: " + open.kind().key());
        }
        if (open.origin() != null && !open.origin().equals(origin)) {
          throw new IllegalArgumentException(
              "open.origin must be the report's origin " + Checks.show(origin) + ": " + Checks.show(open.origin()));
        }
      }
      if (at != null && since.isAfter(at)) {
        throw new IllegalArgumentException("since " + since + " is after the report's time " + at);
      }
    }

    /**
     * The text of the update that resolves a monitor's incident, made from the outage that ended.
     * Called by the tracker while it applies the report; it must be quick and must not call the
     * tracker.
     */
    @FunctionalInterface
    public interface Resolution {
      /** The resolving update's body. */
      Body body(Outage outage);

      /** The resolving update's own title, such as "NC027: Mail server back online"; none by default. */
      default @Nullable String title(Outage outage) {
        return null;
      }

      /**
       * The state the update moves the incident to: {@link IncidentState#RESOLVED} by default, or
       * {@link IncidentState#MONITORING} when recovery is left to a person to confirm (the
       * incident stays open).
       */
      default IncidentState state() {
        return IncidentState.RESOLVED;
      }
    }
  }

  /**
   * A monitor reports that it is watching these servers and will report again before {@code
   * until}. The board keeps it as each server's {@link Coverage}. When the next report (of
   * coverage or of health) comes after {@code until}, the time since the monitor was last seen
   * is "no data" on the server's timeline: the monitor was down, or could not reach the store.
   *
   * @param origin who reports, such as {@code "monitor"}
   * @param servers the servers it watches, each with the start of its soft failure streak, if any
   * @param until when this report lapses
   * @param at when the report is made, or null for now
   * @param vantage the probe location that reports, or null for a monitor without one; the board
   *     keeps until when each location's report holds, and a server has no data once fewer than
   *     the quorum of its locations still hold
   */
  record ReportCoverage(
      String origin,
      ImmutableList<Watched> servers,
      OffsetDateTime until,
      @Nullable OffsetDateTime at,
      @Nullable Vantage vantage)
      implements Command {
    /** A report of a monitor without a probe location. */
    public ReportCoverage(
        String origin, ImmutableList<Watched> servers, OffsetDateTime until, @Nullable OffsetDateTime at) {
      this(origin, servers, until, at, null);
    }

    /** Checks the parts. */
    public ReportCoverage {
      Checks.line("origin", origin);
      requireNonNull(servers, "servers");
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("servers must not be empty");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Watched w : servers) {
        if (!seen.add(w.serverId())) {
          throw new IllegalArgumentException("servers: " + Checks.show(w.serverId()) + " appears more than once");
        }
      }
      requireNonNull(until, "until");
      if (at != null && until.isBefore(at)) {
        throw new IllegalArgumentException("until " + until + " is before the report's time " + at);
      }
    }

    /**
     * One watched server.
     *
     * @param serverId the server
     * @param failingSince when its current streak of failed rounds began while it is not yet judged
     *     down, or null
     */
    public record Watched(String serverId, @Nullable Instant failingSince) {
      /** Checks the id. */
      public Watched {
        Checks.id("serverId", serverId);
      }
    }
  }

  /**
   * The texts of a server a command carries: printable ({@link Checks#printable}); the model's
   * record itself accepts what events kept before this rule hold.
   */
  private static void checkTexts(Server server) {
    Checks.printable("server.name", server.name(), false);
    Checks.printable("server.role", server.role(), false);
    Checks.printable("server.group", server.group(), false);
    Checks.printable("server.description", server.description(), true);
    Location location = server.location();
    if (location != null) {
      Checks.printable("server.location.city", location.city(), false);
    }
    for (Tag tag : server.tags()) {
      Checks.printable("server.tags", tag.label(), false);
    }
  }

  private static void checkBody(Body body) {
    Checks.printable("body", requireNonNull(body, "body").text(), true);
  }
}

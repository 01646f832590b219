package io.statuskit.benchmarks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Category;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusChange;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic boards for the benchmarks: servers in the seed page's style, incidents with
 * realistic titles and bodies, and status timelines with outages, all made from a fixed seed so
 * every run and every peer sees the same data. Not thread-safe to build; the boards are immutable.
 */
public final class Fixtures {
  /** The instant the generated history ends at; every window is measured back from it. */
  public static final Instant END = Instant.parse("2025-06-01T00:00:00Z");

  private static final String[] CITIES = {"Amsterdam", "Vancouver", "Frankfurt", "Dallas", "Singapore"};
  private static final String[] COUNTRIES = {"NL", "CA", "DE", "US", "SG"};
  private static final String[] ROLES = {
    "Mail server", "Relay server", "Web server", "DNS server", "Database server", "Backup server"
  };
  private static final String[] TAGS = {
    "mail", "dns", "web hosting", "network", "hardware", "spam", "backup", "database", "ssl",
    "power", "upstream", "ddos", "kernel", "storage", "billing", "control panel", "ftp", "ssh",
    "vancouver", "amsterdam"
  };
  private static final String[] CATEGORIES = {"Outages", "Maintenance", "Notices", "Security", "Network"};
  private static final String[] WHAT = {
    "Mail server shut down", "Relay server unreachable", "Web server slow", "DNS resolution failing",
    "Packet loss upstream", "Disk array degraded", "Control panel errors", "Backups delayed"
  };
  private static final String[] BODIES = {
    "We are investigating reports that the server is not accepting connections. Our upstream"
        + " provider has been contacted and we will post an update as soon as we know more.",
    "The cause has been identified: a spammer abused a compromised account & flooded the queue."
        + " We have suspended the account and are cleaning up the queue <now>.",
    "A fix has been put in place and we are monitoring the server. Mail that was queued during"
        + " the outage is being delivered; some messages may arrive late.",
    "Traffic is flowing normally again. We continue to watch the server and the upstream link;"
        + " no further action is needed from customers at this time.",
    "This incident has been resolved. The server was down for about forty minutes in total."
        + " We apologise for the inconvenience and thank you for your patience."
  };
  private static final IncidentState[] STATES = {
    IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING
  };

  private Fixtures() {}

  /** Server ids {@code NC0000}, {@code NC0001}, ... */
  public static String serverId(int index) {
    return String.format(Locale.ROOT, "NC%04d", index);
  }

  /** {@code count} servers in the seed's style. */
  public static List<Server> servers(int count) {
    List<Server> servers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      servers.add(
          Server.builder(serverId(i))
              .name(ROLES[i % ROLES.length] + " " + i)
              .location(CITIES[i % CITIES.length], COUNTRIES[i % CITIES.length])
              .role(ROLES[i % ROLES.length])
              .host("nc" + i + ".example.net")
              .build());
    }
    return servers;
  }

  /**
   * A board with {@code servers} servers (no status history beyond "added") and {@code
   * incidents} resolved incidents of {@code updates} updates each (at least 2), one every
   * {@code spacing}, ending at {@link #END}.
   */
  public static StatusBoard board(int servers, int incidents, int updates, Duration spacing) {
    List<Server> list = servers(servers);
    Instant start = END.minus(spacing.multipliedBy(incidents + 1L));
    List<ServerStatus> statuses = new ArrayList<>(servers);
    for (Server server : list) {
      statuses.add(
          new ServerStatus(
              server,
              Status.OPERATIONAL,
              null,
              start,
              start,
              start,
              new Timeline(server.id(), ImmutableList.of(new StatusChange(start, Status.OPERATIONAL)))));
    }
    SplittableRandom random = new SplittableRandom(42);
    List<Incident> generated = new ArrayList<>(incidents);
    for (int i = 0; i < incidents; i++) {
      Instant opened = start.plus(spacing.multipliedBy(i + 1L));
      generated.add(incident(i, opened, updates, servers, random));
    }
    return StatusBoard.of(incidents + (long) servers, END, statuses, generated);
  }

  /** A board with {@code incidents} incidents of five updates each, one every 52 minutes. */
  public static StatusBoard board(int incidents) {
    return board(50, incidents, 5, Duration.ofMinutes(52));
  }

  /**
   * A status page as {@code summary.json} shows it: {@code servers} public servers in five groups
   * (one per city; every tenth degraded), {@code open} open incidents of three updates (the first
   * declaring a server's outage), one maintenance in progress and two scheduled, one notice (which
   * Statuspage documents leave out), and 200 resolved incidents of history.
   */
  public static StatusBoard summaryBoard(int servers, int open) {
    Instant start = END.minus(Duration.ofDays(400));
    List<ServerStatus> statuses = new ArrayList<>(servers);
    for (int i = 0; i < servers; i++) {
      Server server =
          Server.builder(serverId(i))
              .name(ROLES[i % ROLES.length] + " " + i)
              .location(CITIES[i % CITIES.length], COUNTRIES[i % CITIES.length])
              .role(ROLES[i % ROLES.length])
              .group(CITIES[i % CITIES.length] + " servers")
              .description(i % 3 == 0 ? "Shared hosting in " + CITIES[i % CITIES.length] : null)
              .build();
      Status observed = i % 10 == 9 ? Status.DEGRADED_PERFORMANCE : Status.OPERATIONAL;
      Instant changed = observed == Status.OPERATIONAL ? start : END.minus(Duration.ofMinutes(i));
      ImmutableList<StatusChange> changes =
          observed == Status.OPERATIONAL
              ? ImmutableList.of(new StatusChange(start, Status.OPERATIONAL))
              : ImmutableList.of(new StatusChange(start, Status.OPERATIONAL), new StatusChange(changed, observed));
      statuses.add(
          new ServerStatus(server, observed, null, changed, start, changed, new Timeline(server.id(), changes)));
    }
    SplittableRandom random = new SplittableRandom(11);
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      incidents.add(incident(i, END.minus(Duration.ofHours(24L * 200 - 24L * i)), 5, servers, random));
    }
    for (int i = 0; i < open; i++) {
      String server = serverId(random.nextInt(servers));
      String id = String.format(Locale.ROOT, "open-%04d", i);
      OffsetDateTime time = OffsetDateTime.ofInstant(END.minus(Duration.ofMinutes(30L * (open - i))), ZoneOffset.UTC);
      ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
      for (int u = 0; u < 3; u++) {
        updates.add(
            new IncidentUpdate(
                id + "-" + (u + 1), time.plusMinutes(5L * u), STATES[u], Body.plain(BODIES[u]),
                u == 0 ? ImmutableMap.of(server, Status.PARTIAL_OUTAGE) : ImmutableMap.of(), false));
      }
      incidents.add(
          new Incident(
              id, IncidentKind.INCIDENT, server + ": " + WHAT[random.nextInt(WHAT.length)], Impact.MINOR,
              ImmutableMap.of(server, Status.PARTIAL_OUTAGE), ImmutableSet.of(Tag.of("mail")),
              ImmutableSet.of(Category.of("Outages")), updates.build(), null, 0));
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(END, ZoneOffset.UTC);
    incidents.add(maintenance("maint-active", "Email migration: Update 14", now.minusHours(2),
        MaintenanceWindow.of(END.minus(Duration.ofHours(1)), END.plus(Duration.ofHours(3))), true));
    incidents.add(maintenance("maint-next", "Kernel upgrades on the mail servers", now.minusDays(1),
        MaintenanceWindow.of(END.plus(Duration.ofDays(2)), END.plus(Duration.ofDays(2).plusHours(2))), false));
    incidents.add(maintenance("maint-later", "Network maintenance in Vancouver", now.minusDays(1),
        MaintenanceWindow.of(END.plus(Duration.ofDays(9)), END.plus(Duration.ofDays(9).plusHours(4))), false));
    incidents.add(
        new Incident(
            "notice-1", IncidentKind.NOTICE, "New status page", Impact.NONE, ImmutableMap.of(), ImmutableSet.of(),
            ImmutableSet.of(Category.of("Notices")),
            ImmutableList.of(new IncidentUpdate("notice-1-1", now.minusDays(3), IncidentState.POSTED,
                Body.plain("We moved the status page."), ImmutableMap.of(), false)),
            null, 0));
    return StatusBoard.of(incidents.size() + (long) servers, END, statuses, incidents);
  }

  private static Incident maintenance(
      String id, String title, OffsetDateTime posted, MaintenanceWindow window, boolean started) {
    ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
    updates.add(new IncidentUpdate(id + "-1", posted, IncidentState.SCHEDULED,
        Body.plain("We will move the mailboxes to the new cluster."), ImmutableMap.of(), false));
    if (started) {
      updates.add(new IncidentUpdate(id + "-2", OffsetDateTime.ofInstant(window.start(), ZoneOffset.UTC),
          IncidentState.IN_PROGRESS, Body.plain("The migration has started."), ImmutableMap.of(), false));
    }
    return new Incident(
        id, IncidentKind.MAINTENANCE, title, Impact.NONE, ImmutableMap.of(), ImmutableSet.of(Tag.of("mail")),
        ImmutableSet.of(Category.of("Maintenance")), updates.build(), window, 0);
  }

  /**
   * {@code count} incidents of {@code updates} updates each, made one at a time as the iterator
   * is read (newest first, one every 52 minutes back from {@link #END}), so a feed of any length
   * can be written without holding them all.
   */
  public static java.util.Iterator<Incident> lazyIncidents(int count, int updates, int servers) {
    return new java.util.Iterator<>() {
      private final SplittableRandom random = new SplittableRandom(42);
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Incident next() {
        if (next >= count) {
          throw new java.util.NoSuchElementException();
        }
        int i = count - 1 - next++;
        Instant opened = END.minus(Duration.ofMinutes(52L * (count - i)));
        return incident(i, opened, updates, servers, random);
      }
    };
  }

  private static Incident incident(int i, Instant opened, int updates, int servers, SplittableRandom random) {
    String server = serverId(random.nextInt(servers));
    String id = String.format(Locale.ROOT, "inc-%07d", i);
    String title = server + ": " + WHAT[random.nextInt(WHAT.length)];
    ImmutableSet.Builder<Tag> tags = ImmutableSet.builder();
    tags.add(Tag.of(TAGS[random.nextInt(TAGS.length)]));
    tags.add(Tag.of(TAGS[random.nextInt(TAGS.length)]));
    ImmutableList.Builder<IncidentUpdate> list = ImmutableList.builder();
    OffsetDateTime time = OffsetDateTime.ofInstant(opened, ZoneOffset.UTC);
    for (int u = 0; u < updates; u++) {
      IncidentState state = u == updates - 1 ? IncidentState.RESOLVED : STATES[Math.min(u, STATES.length - 1)];
      String text = u == updates - 1 ? BODIES[BODIES.length - 1] : BODIES[Math.min(u, BODIES.length - 2)];
      Body body = u % 2 == 0 ? Body.plain(text) : Body.html("<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>");
      ImmutableMap<String, Status> changes =
          u == 0 ? ImmutableMap.of(server, Status.MAJOR_OUTAGE) : ImmutableMap.of();
      list.add(new IncidentUpdate(id + "-" + (u + 1), time.plusMinutes(7L * u), state, body, changes, false));
    }
    return new Incident(
        id,
        IncidentKind.INCIDENT,
        title,
        Impact.values()[1 + random.nextInt(Impact.values().length - 1)],
        ImmutableMap.of(server, Status.MAJOR_OUTAGE),
        tags.build(),
        ImmutableSet.of(Category.of(CATEGORIES[random.nextInt(CATEGORIES.length)])),
        list.build(),
        null,
        0);
  }

  /**
   * A board of {@code servers} servers, each with a status history over the {@code days} before
   * {@link #END}: about {@code outages} outages (partial or major, 1 to 120 minutes) and as many
   * spells of degraded performance, at random times.
   */
  public static StatusBoard timelines(int servers, int days, int outages) {
    SplittableRandom random = new SplittableRandom(7);
    Instant start = END.minus(Duration.ofDays(days + 1L));
    long spanMinutes = Duration.ofDays(days).toMinutes();
    List<ServerStatus> statuses = new ArrayList<>(servers);
    for (Server server : servers(servers)) {
      List<StatusChange> changes = new ArrayList<>();
      changes.add(new StatusChange(start, Status.OPERATIONAL));
      int events = outages * 2;
      long slot = spanMinutes / events;
      Instant t = start.plus(Duration.ofDays(1));
      for (int e = 0; e < events; e++) {
        Instant begin = t.plus(Duration.ofMinutes(random.nextLong(slot / 2)));
        long length = 1 + random.nextLong(120);
        Status status =
            e % 2 == 0
                ? (random.nextBoolean() ? Status.MAJOR_OUTAGE : Status.PARTIAL_OUTAGE)
                : Status.DEGRADED_PERFORMANCE;
        changes.add(new StatusChange(begin, status));
        changes.add(new StatusChange(begin.plus(Duration.ofMinutes(length)), Status.OPERATIONAL));
        t = t.plus(Duration.ofMinutes(slot));
      }
      statuses.add(
          new ServerStatus(
              server, Status.OPERATIONAL, null, start, start, start,
              new Timeline(server.id(), ImmutableList.copyOf(changes))));
    }
    return StatusBoard.of(servers, END, statuses, List.of());
  }
}

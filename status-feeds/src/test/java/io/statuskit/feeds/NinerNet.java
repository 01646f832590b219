package io.statuskit.feeds;

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
import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The seed page's posts (shared/seed/ninernet-status-page.txt) as a board: each post is an
 * incident or notice whose first update carries the post's title, time and text (first
 * paragraph), newest post first in {@link #POSTS}. Local to this module's tests until
 * status-testkit ships a shared sample.
 */
final class NinerNet {
  /** A post of the seed page: title and the time it shows. */
  record Post(String id, String title, OffsetDateTime time) {}

  static final List<Post> POSTS =
      List.of(
          new Post("nc027-back-online", "NC027: Mail server back online", at("2016-11-23T07:28:27")),
          new Post("nc027-shut-down", "NC027: Mail server shut down", at("2016-11-23T07:11:41")),
          new Post("nc023-cleaned", "NC023: Spam cleaned up", at("2014-01-26T15:45:01")),
          new Post("nc023-stopped", "NC023: Relay server stopped to clean up spam", at("2014-01-26T13:28:29")),
          new Post("email-migration-14", "Email migration: Update 14", at("2013-10-29T08:57:36")),
          new Post("email-migration-13", "Email migration: Update 13", at("2013-10-16T10:09:43")),
          new Post("nc018-spam-3", "Spam defences on server NC018", at("2013-06-09T10:58:16")),
          new Post("nc018-spam-2", "Spam defences on server NC018", at("2013-05-20T06:43:46")),
          new Post("nc018-spam-1", "Spam defences on server NC018", at("2013-05-18T02:46:22")),
          new Post("nc018-replacement-6", "Server NC018 replacement: Update 6", at("2013-05-03T07:11:33")));

  private static final ImmutableMap<String, String> TEXT =
      ImmutableMap.<String, String>builder()
          .put("nc027-back-online", "The mail server (NC027) has been restarted after cleaning up after a spammer. It was down for eight minutes between 07:09 and 07:17 UTC.")
          .put("nc027-shut-down", "We have temporarily shut down server NC027 to clean up after a spammer. It will be back up in a few minutes. We apologise for the inconvenience.")
          .put("nc023-cleaned", "The spam on server NC023 (the relay server) has been cleaned up and the offending IP address blocked.")
          .put("nc023-stopped", "The relay server has been stopped while we clean up a spam outbreak, and identify and block the source. We will post updates here.")
          .put("email-migration-14", "This is the last post that we\u2019ll refer to as an \u201cupdate\u201d regarding the email migration \u2026 It addresses three issues:\n\n\u2022 Outlook 2003,\n\u2022 Anti-spam blacklists, and\n\u2022 Mail box quotas.")
          .put("email-migration-13", "A person sending you an email through a mis-configured mail server will receive a bounce message:\n\nnc027.ninernet.net #554 5.7.1 <senderdomain.local>: Helo command rejected: Go away, bad guy (.local).")
          .put("nc018-spam-3", "Contrary to the last update on this topic, spam defences on server NC018 are indeed active most of the time.")
          .put("nc018-spam-2", "We have disabled the spam defences on server NC018.")
          .put("nc018-spam-1", "We have re-enabled the most effective spam defences on server NC018.")
          .put("nc018-replacement-6", "We are ready to begin the process of migrating accounts from server NC018 to NC026.")
          .buildOrThrow();

  /** The addendum the seed shows on "Email migration: Update 13" (the page gives only its date). */
  static final OffsetDateTime ADDENDUM_TIME = at("2022-01-24T12:00:00");

  private NinerNet() {}

  private static OffsetDateTime at(String local) {
    return OffsetDateTime.parse(local + "+00:00");
  }

  static FeedSettings settings() {
    return settings(Clock.fixed(Instant.parse("2022-02-15T00:00:00Z"), ZoneOffset.UTC));
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

  static StatusBoard board() {
    Boards boards = Boards.builder();
    for (String id : List.of("NC018", "NC023", "NC026", "NC027")) {
      boards.server(Server.builder(id).build());
    }
    List<Post> oldestFirst = com.google.common.collect.Lists.reverse(POSTS);
    for (Post post : oldestFirst) {
      boards.incident(incident(post));
    }
    return boards.build();
  }

  static Incident incident(Post post) {
    IncidentKind kind;
    IncidentState state;
    String server;
    if (post.id().startsWith("nc027") || post.id().startsWith("nc023")) {
      kind = IncidentKind.INCIDENT;
      state = post.title().contains("back online") || post.title().contains("cleaned")
          ? IncidentState.RESOLVED
          : IncidentState.IDENTIFIED;
      server = post.id().startsWith("nc027") ? "NC027" : "NC023";
    } else {
      kind = IncidentKind.NOTICE;
      state = IncidentState.POSTED;
      server = post.id().startsWith("email") ? "NC027" : "NC018";
    }
    ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
    updates.add(IncidentUpdate.of(post.id() + "-1", post.time(), state, Body.plain(java.util.Objects.requireNonNull(TEXT.get(post.id())))));
    if (post.id().equals("email-migration-13")) {
      updates.add(
          new IncidentUpdate(
              post.id() + "-2",
              ADDENDUM_TIME,
              state,
              Body.plain("The information above applies to any domain or sub-domain used in a mail server\u2019s HELO command."),
              ImmutableMap.of(),
              true));
    }
    return new Incident(
        post.id(),
        kind,
        post.title(),
        kind == IncidentKind.INCIDENT ? Impact.MAJOR : Impact.NONE,
        ImmutableMap.of(server, kind == IncidentKind.INCIDENT ? io.statuskit.core.Status.MAJOR_OUTAGE : io.statuskit.core.Status.OPERATIONAL),
        ImmutableSet.of(Tag.of("email"), Tag.of(server.equals("NC018") ? "spam" : "mail server")),
        ImmutableSet.of(Category.of(kind == IncidentKind.NOTICE ? "Notices" : "Outages")),
        updates.build(),
        null,
        0);
  }
}

package io.statuskit.testkit;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Command.AddAddendum;
import io.statuskit.core.Command.AddServer;
import io.statuskit.core.Command.ObserveStatus;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import io.statuskit.core.Command.RetireServer;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Visibility;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The board of the page StatusKit grew from, NinerNet Communications' "System Status" (the
 * seed), built through a {@link StatusTracker} with explicit times, so tests, examples and feeds
 * can start from a real page instead of invented data.
 *
 * <p>What it holds:
 *
 * <ul>
 *   <li>The ten servers of "Systems at a Glance" in the seed's order, with city, country (ISO code
 *       and the name the seed writes, such as "United States of America"), role and visibility
 *       (the seed's "Internal" column), all observed operational.
 *   <li>Three servers that appear only in posts, retired by the end because the glance table no
 *       longer lists them: NC018 (retired {@link #NC018_RETIRED}, replaced by NC026 as "Server
 *       NC018 replacement" announces), NC026 and NC027 (retired {@link #CAPTURED}, replacement
 *       unknown).
 *   <li>Every post with its exact time (+0000), title, body text from the seed, tags from the
 *       seed's tag cloud and a category. The two outages are incidents opened by their first post
 *       and resolved by their second; the others are notices.
 * </ul>
 *
 * <p><b>Post titles.</b> A later post of the same incident ("NC027: Mail server back online") is an
 * update with its own {@link IncidentUpdate#title() title}; the first post's title is the
 * incident's title. The addendum to "Email migration: Update 13" is titled "Update, 2022-01-24"
 * as the seed writes it.
 *
 * <p><b>Invented details</b> (the seed does not give them): every server is added at {@link
 * #SERVERS_ADDED}; host names follow the seed's one ({@code nc027.ninernet.net}); NC018, NC026
 * and NC027 have no location, and NC018's and NC026's roles are
 * inferred from the posts; NC018 is retired once the email migration's last update is out; NC026
 * and NC027 are retired at {@link #CAPTURED}; the addendum of "Email migration: Update 13" is dated
 * 2022-01-24 (from its text) at 12:00 UTC; categories (the seed lists none) are chosen per topic.
 *
 * <p>The NC027 outage is what the monitor saw: major outage observed at 07:09:00, operational at
 * 07:17:00, so {@code board.timeline("NC027").outages()} is one outage described as "down for eight
 * minutes between 07:09 and 07:17 UTC". The incident names NC027 as affected without declaring its
 * status, so it does not stretch the outage to the resolution at 07:28:27. The NC023 incident,
 * whose posts give no observation, declares NC023 in major outage while it is open.
 *
 * <p>Thread-safe: stateless; every method builds fresh immutable values.
 */
public final class NinerNetSample {
  /** When the sample adds every server (invented: the seed gives no dates for servers). */
  public static final Instant SERVERS_ADDED = Instant.parse("2013-05-01T00:00:00Z");

  /** When NC018 is retired, replaced by NC026: after the last post of the email migration. */
  public static final Instant NC018_RETIRED = Instant.parse("2013-11-01T00:00:00Z");

  /** When the addendum "Update, 2022-01-24" is added to "Email migration: Update 13". */
  public static final Instant ADDENDUM_ADDED = Instant.parse("2022-01-24T12:00:00Z");

  /** The time the sample's page stands at: NC026 and NC027 are retired by then. */
  public static final Instant CAPTURED = Instant.parse("2022-01-31T00:00:00Z");

  /** The ids of the glance table, in the seed's order. */
  public static final ImmutableList<String> GLANCE =
      ImmutableList.of(
          "NC023", "NC028", "NC031", "NC033", "NC034", "NC035", "NC036", "NC040", "NC041", "NC042");

  /** The servers retired by the end, which appear only in posts. */
  public static final ImmutableList<String> RETIRED = ImmutableList.of("NC018", "NC026", "NC027");

  /** "NC027: Mail server shut down", resolved by "NC027: Mail server back online". */
  public static final String NC027_SHUT_DOWN = "20161123-nc027-mail-server-shut-down";

  /** "NC023: Relay server stopped to clean up spam", resolved by "NC023: Spam cleaned up". */
  public static final String NC023_SPAM = "20140126-nc023-relay-server-stopped-to-clean-up-spam";

  /** The notice "Email migration: Update 14". */
  public static final String EMAIL_MIGRATION_14 = "20131029-email-migration-update-14";

  /** The notice "Email migration: Update 13", with its 2022 addendum. */
  public static final String EMAIL_MIGRATION_13 = "20131016-email-migration-update-13";

  /** The notice "Spam defences on server NC018" of 9 June 2013. */
  public static final String NC018_SPAM_DEFENCES_JUNE_9 = "20130609-spam-defences-on-server-nc018";

  /** The notice "Spam defences on server NC018" of 20 May 2013. */
  public static final String NC018_SPAM_DEFENCES_MAY_20 = "20130520-spam-defences-on-server-nc018";

  /** The notice "Spam defences on server NC018" of 18 May 2013. */
  public static final String NC018_SPAM_DEFENCES_MAY_18 = "20130518-spam-defences-on-server-nc018";

  /** The notice "Server NC018 replacement: Update 6". */
  public static final String NC018_REPLACEMENT_6 = "20130503-server-nc018-replacement-update-6";

  /**
   * One post as the seed's page lists it: a title and a time, and the incident update it is.
   *
   * @param title the post's title
   * @param time when it was posted
   * @param incidentId the incident it belongs to
   * @param updateId the update it is
   */
  public record Post(String title, OffsetDateTime time, String incidentId, String updateId) {
    /** Checks the parts are present. */
    public Post {
      requireNonNull(title, "title");
      requireNonNull(time, "time");
      requireNonNull(incidentId, "incidentId");
      requireNonNull(updateId, "updateId");
    }
  }

  private NinerNetSample() {}

  /** The servers as first added, NC018 to NC042 in id order (so the glance keeps the seed's order). */
  public static ImmutableList<Server> servers() {
    return ImmutableList.of(
        Server.builder("NC018").role("Web and mail server").host("nc018.ninernet.net").build(),
        server("NC023", "London", "GB", "United Kingdom", "Relay server", Visibility.INTERNAL),
        Server.builder("NC026").role("Web server").host("nc026.ninernet.net").build(),
        Server.builder("NC027").role("Mail server").host("nc027.ninernet.net").build(),
        server("NC028", "Vancouver", "CA", "Canada", "Monitoring server", Visibility.INTERNAL),
        server("NC031", "New York", "US", "United States of America", "Web server", Visibility.INTERNAL),
        server("NC033", "Toronto", "CA", "Canada", "Primary nameserver", Visibility.PUBLIC),
        server("NC034", "Lusaka", "ZM", "Zambia", "Phone server", Visibility.INTERNAL),
        server("NC035", "Sydney", "AU", "Australia", "Secondary nameserver", Visibility.PUBLIC),
        server("NC036", "Amsterdam", "NL", "Netherlands", "Mail server", Visibility.PUBLIC),
        server("NC040", "Toronto", "CA", "Canada", "Web server", Visibility.INTERNAL),
        server("NC041", "New York", "US", "United States of America", "Web server", Visibility.PUBLIC),
        server("NC042", "Seattle", "US", "United States of America", "Status website", Visibility.PUBLIC));
  }

  private static Server server(
      String id, String city, String code, String country, String role, Visibility visibility) {
    return Server.builder(id)
        .location(Location.of(city, code, country))
        .role(role)
        .visibility(visibility)
        .host(id.toLowerCase(Locale.ROOT) + ".ninernet.net")
        .build();
  }

  /** Every command, oldest first, each with its explicit time. */
  public static ImmutableList<Command> commands() {
    List<Command> commands = new ArrayList<>();
    OffsetDateTime added = utc(SERVERS_ADDED);
    for (Server server : servers()) {
      commands.add(new AddServer(server, added));
    }
    for (Server server : servers()) {
      commands.add(new ObserveStatus(server.id(), Status.OPERATIONAL, null, added));
    }

    commands.add(
        OpenIncident.notice("Server NC018 replacement: Update 6")
            .id(NC018_REPLACEMENT_6)
            .affecting("NC018", Status.OPERATIONAL)
            .affecting("NC026", Status.OPERATIONAL)
            .tags("migration", "hardware", "web server", "spam")
            .categories("Server replacement")
            .body(
                paragraphs(
                    "We are ready to begin the process of migrating accounts from server NC018 to NC026."
                        + " We will start with websites on Friday, 3 May at 19:00 UTC.",
                    "Once the websites have been migrated, we anticipate that the reduced load on server"
                        + " NC018 will permit re-enabling anti-spam measures. This, I’m sure, will be a"
                        + " welcome relief for all."))
            .at(time("2013-05-03T07:11:33Z"))
            .build());
    commands.add(
        spamDefences(
            NC018_SPAM_DEFENCES_MAY_18,
            "2013-05-18T02:46:22Z",
            "We have re-enabled the most effective spam defences on server NC018."));
    commands.add(
        spamDefences(
            NC018_SPAM_DEFENCES_MAY_20,
            "2013-05-20T06:43:46Z",
            "We have disabled the spam defences on server NC018. We re-enabled them over the weekend"
                + " as server loads are down over the weekends."));
    commands.add(
        spamDefences(
            NC018_SPAM_DEFENCES_JUNE_9,
            "2013-06-09T10:58:16Z",
            paragraphs(
                "Contrary to the last update on this topic, spam defences on server NC018 are indeed"
                    + " active most of the time. We monitor the server load and turn them off if the"
                    + " load gets too high. However, most of the time the spam defences are up 24 hours"
                    + " a day, 7 days a week.")));
    commands.add(
        OpenIncident.notice("Email migration: Update 13")
            .id(EMAIL_MIGRATION_13)
            .affecting("NC027", Status.OPERATIONAL)
            .tags(
                "email", "migration", "bounce messages", "error messages", "smtp", "microsoft",
                "email delivery", "mail relay")
            .categories("Email migration")
            .body(UPDATE_13)
            .at(time("2013-10-16T10:09:43Z"))
            .build());
    commands.add(
        OpenIncident.notice("Email migration: Update 14")
            .id(EMAIL_MIGRATION_14)
            .affecting("NC027", Status.OPERATIONAL)
            .tags("email", "migration", "tls", "microsoft", "spam")
            .categories("Email migration")
            .body(UPDATE_14)
            .at(time("2013-10-29T08:57:36Z"))
            .build());
    commands.add(new RetireServer("NC018", "NC026", utc(NC018_RETIRED)));

    commands.add(
        OpenIncident.incident("NC023: Relay server stopped to clean up spam")
            .id(NC023_SPAM)
            .impact(Impact.MINOR)
            .state(IncidentState.IDENTIFIED)
            .declaring("NC023", Status.MAJOR_OUTAGE)
            .tags("spam", "mail relay", "email delivery", "down time")
            .categories("Outages")
            .body(
                "The relay server has been stopped while we clean up a spam outbreak, and identify and"
                    + " block the source. We will post updates here. We expect to have the server back"
                    + " online within the next 30-40 minutes.")
            .at(time("2014-01-26T13:28:29Z"))
            .build());
    commands.add(
        resolve(
            NC023_SPAM,
            "2014-01-26T15:45:01Z",
            "NC023: Spam cleaned up",
            "The spam on server NC023 (the relay server) has been cleaned up and the offending IP"
                + " address blocked. Most of the legitimate email to destination servers that had been"
                + " deferred as a result of the spam has also now been delivered; however, some mail"
                + " servers are still not accepting email from this server, so that email will continue"
                + " to be delayed a while longer until their systems are automatically updated to"
                + " realise that this server is no longer spamming. This is currently only affecting"
                + " about twenty messages.",
            "We apologise for this interruption. If you have any questions or concerns, please"
                + " contact NinerNet support. Thank-you for your patience."));

    commands.add(
        new ObserveStatus(
            "NC027", Status.MAJOR_OUTAGE, "shut down to clean up after a spammer", time("2016-11-23T07:09:00Z")));
    commands.add(
        OpenIncident.incident("NC027: Mail server shut down")
            .id(NC027_SHUT_DOWN)
            .impact(Impact.MAJOR)
            .state(IncidentState.IDENTIFIED)
            .affecting("NC027", Status.MAJOR_OUTAGE)
            .tags("email", "mail server", "spam", "down time", "viruses")
            .categories("Outages")
            .body(
                "We have temporarily shut down server NC027 to clean up after a spammer. It will be back"
                    + " up in a few minutes. We apologise for the inconvenience.")
            .at(time("2016-11-23T07:11:41Z"))
            .build());
    commands.add(new ObserveStatus("NC027", Status.OPERATIONAL, null, time("2016-11-23T07:17:00Z")));
    commands.add(
        resolve(
            NC027_SHUT_DOWN,
            "2016-11-23T07:28:27Z",
            "NC027: Mail server back online",
            "The mail server (NC027) has been restarted after cleaning up after a spammer. It was down"
                + " for eight minutes between 07:09 and 07:17 UTC.",
            "As a result of this incident, our mail server is being blocked by some mail services. We"
                + " will work to have those blocks removed before they expire, but this will take some"
                + " time.",
            "These incidents usually arise after a computer has been infected with a virus. The virus"
                + " then sends the email password back to the person or organisation controlling the"
                + " virus, and they then use that information to compromise that email account on the"
                + " mail server, using it to send thousands of spams from the account. Please ensure"
                + " that you install, use and update an anti-virus program on your computer to ensure"
                + " that this doesn’t happen to your email account.",
            "We again apologise for this incident. Please contact us if you have any questions."
                + " Thank-you."));

    commands.add(new AddAddendum(EMAIL_MIGRATION_13, Body.plain(UPDATE_13_ADDENDUM), utc(ADDENDUM_ADDED), "Update, 2022-01-24"));
    commands.add(new RetireServer("NC026", null, utc(CAPTURED)));
    commands.add(new RetireServer("NC027", null, utc(CAPTURED)));
    return ImmutableList.copyOf(commands);
  }

  /**
   * Executes {@link #commands()} on a tracker, oldest first; the tracker should be empty (its
   * board must accept the sample's server and incident ids and times).
   *
   * @return the events the commands became
   */
  public static ImmutableList<StatusEvent> populate(StatusTracker tracker) {
    ImmutableList.Builder<StatusEvent> events = ImmutableList.builder();
    for (Command command : commands()) {
      events.add(tracker.execute(command));
    }
    return events.build();
  }

  /** The events the commands become on an empty tracker, in sequence order, for replay. */
  public static ImmutableList<StatusEvent> events() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker =
        StatusTracker.builder().clock(Clock.fixed(CAPTURED, ZoneOffset.UTC)).store(store).listenerExecutor(Runnable::run).build()) {
      return populate(tracker);
    }
  }

  /** The sample's board: {@link #events()} replayed onto the empty board. */
  public static StatusBoard board() {
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : events()) {
      board = board.apply(event);
    }
    return board;
  }

  /**
   * The posts a page shows for a board, newest first (ties by incident id): one per update that
   * is not an addendum, titled with the update's own title or else its incident's.
   */
  public static ImmutableList<Post> postsOf(StatusBoard board) {
    List<Post> posts = new ArrayList<>();
    for (Incident incident : board.incidents()) {
      List<IncidentUpdate> updates = incident.updates();
      for (int i = 0; i < updates.size(); i++) {
        IncidentUpdate update = updates.get(i);
        if (update.addendum()) {
          continue;
        }
        String title = update.titleOr(incident.title());
        posts.add(new Post(title, update.time(), incident.id(), update.id()));
      }
    }
    posts.sort(
        Comparator.comparing((Post post) -> post.time().toInstant())
            .reversed()
            .thenComparing(Post::incidentId)
            .thenComparing(Post::updateId));
    return ImmutableList.copyOf(posts);
  }

  private static OpenIncident spamDefences(String id, String time, String body) {
    return OpenIncident.notice("Spam defences on server NC018")
        .id(id)
        .affecting("NC018", Status.OPERATIONAL)
        .tags("spam", "performance", "mail server")
        .categories("Spam defences")
        .body(body)
        .at(time(time))
        .build();
  }

  private static PostUpdate resolve(String incidentId, String time, String title, String... paragraphs) {
    return new PostUpdate(
        incidentId,
        IncidentState.RESOLVED,
        Body.plain(paragraphs(paragraphs)),
        ImmutableMap.of(),
        time(time),
        title);
  }

  private static String paragraphs(String... paragraphs) {
    return String.join("\n", paragraphs);
  }

  private static OffsetDateTime time(String isoInstant) {
    return utc(Instant.parse(isoInstant));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static final String UPDATE_14 =
      paragraphs(
          "This is the last post that we’ll refer to as an “update” regarding the email migration that"
              + " was largely completed three weeks ago … if only so that we don’t end on number 13. It"
              + " addresses three issues:",
          "• Outlook 2003,",
          "• Anti-spam blacklists, and",
          "• Mail box quotas.",
          "Outlook 2003: During the migration we learnt that Outlook 2003 does not support TLS. This is"
              + " software that is over a decade old, and Microsoft will stop supporting it in less than"
              + " six months. Now would be a good time to upgrade. However, apparently a 2004 “hotfix”"
              + " available from Microsoft will add TLS support to Outlook 2003, but we cannot vouch for"
              + " this personally, nor are we aware of any clients who have used this.",
          "The anti-spam blacklists used on the old server were not immediately implemented on the new"
              + " server. They have been now. The amount of spam you receive should drop significantly"
              + " as a result.",
          "Finally, we have increased mail box quotas across the board, as we try to keep up with the"
              + " growing number of people using smart phones and tablets who store significant amounts"
              + " of mail on the server.",
          "As always, if you have any questions, please contact support and we’ll be happy to assist.");

  private static final String UPDATE_13 =
      paragraphs(
          "Since the migration of many email accounts to the new server, we’ve had reports of email from"
              + " some regular correspondents (with email hosted outside of NinerNet) to domains hosted"
              + " on the new server bouncing back to those senders as undeliverable. All of these"
              + " reports, so far, are about the same improper configuration of Microsoft Exchange mail"
              + " servers.",
          "A person sending you an email through a mis-configured mail server will receive a bounce"
              + " message that includes an explanation for the bounce that looks like this:",
          "you@yourdomain.com",
          "nc027.ninernet.net #554 5.7.1 <senderdomain.local>: Helo command rejected: Go away, bad guy"
              + " (.local).",
          "The problem is the “senderdomain.local” string. In this case “senderdomain” stands in for an"
              + " actual name — e.g., something that looks like it might be a domain — followed by"
              + " “.local”. A properly configured mail server that connects to the public Internet is"
              + " supposed to advertise a “fully-qualified domain name” (FQDN) through the “HELO” (or"
              + " “EHLO”) command rather than “something.local”, which is not a real domain. Many mail"
              + " servers, including ours, reject attempts to deliver mail from improperly configured"
              + " mail servers advertising a “domain” that does not (or cannot) exist. The reason for"
              + " this is that much spam comes from machines that are improperly configured in this"
              + " manner.",
          "Your correspondents will likely think that we are blocking their domain specifically (very"
              + " likely that we are NOT) or that something is otherwise wrong on our mail server."
              + " However, it is the other way around; your correspondents experiencing this problem"
              + " need to talk to their own IT people, perhaps pointing them to this post, as their mail"
              + " server needs to be reconfigured correctly.",
          "The article Exchange DNS Configuration for Email Delivery includes a number of helpful hints"
              + " for the Exchange server administrator about how to properly configure an Exchange"
              + " server to work correctly on the Internet with respect to domains and DNS.",
          "Our experience is that when an Exchange server is correctly reconfigured, email from that"
              + " server starts getting through again immediately, and deliveries to other servers that"
              + " do not block based on this incorrect behaviour are not affected.",
          "Another possible solution to this problem is for the Exchange server to use a smart host,"
              + " through which all outbound email is delivered to the public Internet. NinerNet"
              + " provides this service (relay server / smart host) for USD30 / CAD36 / ZMW165 per"
              + " month.",
          "Or you could send Microsoft Exchange Server 2007 For Dummies to the sending domain’s server"
              + " administrator!");

  private static final String UPDATE_13_ADDENDUM =
      paragraphs(
          "Update, 2022-01-24: The information above applies to any domain or sub-domain used in a mail"
              + " server’s HELO command, not just the specific nonsense sub-domain “senderdomain.local”."
              + " If the maintainer of the sending mail server makes up a sub-domain like"
              + " “mailserver.mydomain.com”, but doesn’t actually create an A record for"
              + " “mailserver.mydomain.com”, then the effect will be the same, their email will not get"
              + " through.",
          "Additionally, these days the error message is different. It is as follows:",
          "450 4.7.1 <mailserver.mydomain.com>: Helo command rejected: Host not found",
          "Mail server admins are still making this mistake today, in 2022!");
}

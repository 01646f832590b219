package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Body;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Command;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.notify.internal.Notice;
import io.statuskit.notify.internal.Notices;
import io.statuskit.notify.internal.Payloads;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three bodies, read back with Jackson. */
class PayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Payloads.Site SITE = new Payloads.Site(URI.create("https://status.example.net/"), "ninernet");
  private static final Subscriber SUBSCRIBER = FileNotificationStoreTest.webhook("wh_aaaaaaaa", 0);

  private StatusTracker tracker;
  private Incident incident;

  @BeforeEach
  void board() {
    tracker = StatusTracker.inMemory(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
    tracker.addServer(Server.builder("NC027").name("Mail server").build());
    tracker.observe("NC027", Status.OPERATIONAL);
    incident = tracker.openIncident(OpenIncident.incident("NC027: Mail server shut down")
        .affecting("NC027", Status.MAJOR_OUTAGE).body(Body.html("<p>It is <b>down</b> &amp; out.</p>")).build());
    tracker.postUpdate(incident.id(), IncidentState.IDENTIFIED, Body.plain("A <disk> failed."));
  }

  /** Posts a "monitoring" update and returns the notice its event gives. */
  private Notice lastNotice() {
    StatusEvent event = tracker.execute(new Command.PostUpdate(
        incident.id(), IncidentState.MONITORING, Body.plain("Watching <it> & waiting."), ImmutableMap.of(), null, null));
    Notice notice = Notices.of(event, tracker.board());
    assertThat(notice).isNotNull();
    return java.util.Objects.requireNonNull(notice);
  }

  @Test
  void statuspageBodyHasTheIncidentWithItsUpdatesNewestFirst() throws Exception {
    Notice notice = lastNotice();
    JsonNode root = JSON.readTree(Payloads.render(WebhookFormat.STATUSPAGE, notice, SUBSCRIBER, SITE));
    assertThat(root.at("/meta/unsubscribe").asText())
        .isEqualTo("https://status.example.net/subscriptions/wh_aaaaaaaa/unsubscribe?token=token-0123456789abcdef");
    assertThat(root.at("/meta/idempotency_key").asText()).isEqualTo("wh_aaaaaaaa:" + notice.version());
    assertThat(root.at("/page/id").asText()).isEqualTo("ninernet");
    assertThat(root.at("/page/status_indicator").asText()).isEqualTo(tracker.board().indicator().key());
    JsonNode i = root.get("incident");
    assertThat(i.get("id").asText()).isEqualTo(incident.id());
    assertThat(i.get("name").asText()).isEqualTo("NC027: Mail server shut down");
    assertThat(i.get("status").asText()).isEqualTo("monitoring");
    assertThat(i.get("shortlink").asText()).isEqualTo("https://status.example.net/incidents/" + incident.id() + "/");
    assertThat(i.get("monitoring_at").isNull()).isFalse();
    assertThat(i.get("resolved_at").isNull()).isTrue();
    assertThat(i.get("incident_updates")).extracting(u -> u.get("status").asText())
        .containsExactly("monitoring", "identified", "investigating");
    assertThat(i.at("/incident_updates/2/body").asText()).isEqualTo("It is down & out.");
    assertThat(i.at("/incident_updates/0/body").asText()).isEqualTo("Watching <it> & waiting.");
    assertThat(i.at("/components/0/id").asText()).isEqualTo("NC027");
    assertThat(i.at("/components/0/status").asText()).isEqualTo("major_outage");
  }

  @Test
  void slackBodyEscapesItsMarkup() throws Exception {
    JsonNode root = JSON.readTree(Payloads.render(WebhookFormat.SLACK, lastNotice(), SUBSCRIBER, SITE));
    assertThat(root.get("text").asText()).isEqualTo("NC027: Mail server shut down (Monitoring)");
    assertThat(root.at("/blocks/0/type").asText()).isEqualTo("header");
    assertThat(root.at("/blocks/1/text/text").asText())
        .isEqualTo("*Monitoring*\nWatching &lt;it&gt; &amp; waiting.\n_Affected:_ NC027 (Mail server)");
    assertThat(root.at("/blocks/2/elements/0/text").asText())
        .isEqualTo("<https://status.example.net/incidents/" + incident.id() + "/|View on the status page>");
  }

  @Test
  void teamsBodyIsAnAdaptiveCard() throws Exception {
    JsonNode root = JSON.readTree(Payloads.render(WebhookFormat.TEAMS, lastNotice(), SUBSCRIBER, SITE));
    assertThat(root.get("type").asText()).isEqualTo("message");
    JsonNode card = root.at("/attachments/0");
    assertThat(card.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.at("/content/type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.at("/content/body/0/text").asText()).isEqualTo("NC027: Mail server shut down");
    assertThat(card.at("/content/body/2/text").asText()).isEqualTo("Watching <it> & waiting.");
    assertThat(card.at("/content/body/3/facts/0/value").asText()).isEqualTo("NC027 (Mail server)");
    assertThat(card.at("/content/actions/0/url").asText()).endsWith("/incidents/" + incident.id() + "/");
  }
}

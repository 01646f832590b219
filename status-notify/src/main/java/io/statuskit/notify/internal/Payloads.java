package io.statuskit.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statuskit.core.Body;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.WebhookFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The webhook bodies: Statuspage's webhook JSON, a Slack message and a Teams Adaptive Card.
 * Thread-safe (stateless).
 */
public final class Payloads {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/li|/div|/h[1-6])\\s*/?>");

  private Payloads() {}

  /**
   * Where a page's links go.
   *
   * @param pageUrl the page's base URL, ending in {@code /}
   * @param pageId the page id in Statuspage payloads
   */
  public record Site(URI pageUrl, String pageId) {
    /** The URL of an incident's post. */
    public String incidentUrl(String incidentId) {
      return pageUrl.resolve("incidents/" + encode(incidentId) + "/").toString();
    }

    /** The confirmation (double opt-in) URL of a subscriber. */
    public String confirmUrl(Subscriber subscriber) {
      return pageUrl.resolve(
              "subscriptions/" + encode(subscriber.id()) + "/confirm?token=" + encode(subscriber.token()))
          .toString();
    }

    /** The one-click unsubscribe URL of a subscriber. */
    public String unsubscribeUrl(Subscriber subscriber) {
      return pageUrl.resolve(
              "subscriptions/" + encode(subscriber.id()) + "/unsubscribe?token=" + encode(subscriber.token()))
          .toString();
    }
  }

  /** The body of a notice for a subscriber in a format, as UTF-8 JSON. */
  public static byte[] render(WebhookFormat format, Notice notice, Subscriber subscriber, Site site) {
    ObjectNode root =
        switch (format) {
          case STATUSPAGE -> statuspage(notice, subscriber, site);
          case SLACK -> slack(notice, site);
          case TEAMS -> teams(notice, site);
        };
    try {
      return Codec.MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook body", e);
    }
  }

  /** The idempotency key of a notice for a subscriber. */
  public static String idempotencyKey(Subscriber subscriber, Notice notice) {
    return subscriber.id() + ":" + notice.version();
  }

  static ObjectNode statuspage(Notice notice, Subscriber subscriber, Site site) {
    ObjectNode root = Codec.MAPPER.createObjectNode();
    ObjectNode meta = root.putObject("meta");
    meta.put("unsubscribe", site.unsubscribeUrl(subscriber));
    meta.put("documentation", "https://github.com/statuskit/statuskit/blob/main/docs/notify.md");
    meta.put("event_type", notice.type());
    meta.put("idempotency_key", idempotencyKey(subscriber, notice));
    meta.put("version", notice.version());
    ObjectNode page = root.putObject("page");
    page.put("id", site.pageId());
    page.put("status_indicator", notice.indicator().key());
    page.put("status_description", notice.indicator().description());
    if (notice instanceof Notice.IncidentNotice n) {
      Incident incident = n.incident();
      ObjectNode i = root.putObject("incident");
      i.put("backfilled", false);
      i.put("created_at", incident.createdAt().toString());
      i.put("id", incident.id());
      i.put("impact", incident.impact().key());
      i.putNull("impact_override");
      i.put("kind", incident.kind().key());
      i.put("name", incident.title());
      i.put("shortlink", site.incidentUrl(incident.id()));
      i.put("status", n.update().state().key());
      i.put("updated_at", n.update().time().toString());
      IncidentUpdate resolved = null;
      IncidentUpdate monitoring = null;
      for (IncidentUpdate u : n.updatesNewestFirst()) {
        String key = u.state().key();
        if (resolved == null && (key.equals("resolved") || key.equals("completed") || key.equals("cancelled"))) {
          resolved = u;
        }
        if (monitoring == null && key.equals("monitoring")) {
          monitoring = u;
        }
      }
      putTime(i, "resolved_at", resolved);
      putTime(i, "monitoring_at", monitoring);
      MaintenanceWindow window = incident.window();
      if (window != null) {
        i.put("scheduled_for", window.start().toString());
        i.put("scheduled_until", window.end().toString());
      }
      ArrayNode updates = i.putArray("incident_updates");
      for (IncidentUpdate u : n.updatesNewestFirst()) {
        ObjectNode o = updates.addObject();
        o.put("body", text(u.body()));
        o.put("created_at", u.time().toString());
        o.put("display_at", u.time().toString());
        o.put("id", u.id());
        o.put("incident_id", incident.id());
        o.put("status", u.state().key());
        o.put("updated_at", u.time().toString());
      }
      ArrayNode components = i.putArray("components");
      for (Server s : n.servers()) {
        ObjectNode c = components.addObject();
        c.put("id", s.id());
        c.put("name", s.name());
        Status declared = incident.affected().get(s.id());
        c.put("status", declared == null ? Status.UNKNOWN.key() : declared.key());
      }
    } else if (notice instanceof Notice.ComponentNotice c) {
      ObjectNode update = root.putObject("component_update");
      update.put("created_at", c.at().toString());
      update.put("id", Long.toString(c.version()));
      update.put("component_id", c.server().id());
      update.put("old_status", c.from().key());
      update.put("new_status", c.to().key());
      ObjectNode component = root.putObject("component");
      component.put("id", c.server().id());
      component.put("name", c.server().name());
      component.put("status", c.to().key());
      component.put("updated_at", c.at().toString());
    }
    return root;
  }

  private static void putTime(ObjectNode node, String field, @org.jspecify.annotations.Nullable IncidentUpdate u) {
    if (u == null) {
      node.putNull(field);
    } else {
      node.put(field, u.time().toString());
    }
  }

  /** One-line title, state line, body text, affected list and link, for chat and mail. */
  record Summary(String title, String state, String body, String affected, String link) {}

  static Summary summary(Notice notice, Site site) {
    if (notice instanceof Notice.IncidentNotice n) {
      StringBuilder affected = new StringBuilder();
      for (Server s : n.servers()) {
        if (affected.length() > 0) {
          affected.append(", ");
        }
        affected.append(s.id().equals(s.name()) ? s.id() : s.id() + " (" + s.name() + ")");
      }
      String state = n.update().state().label();
      if (n.type().equals("maintenance.rescheduled")) {
        MaintenanceWindow w = n.incident().window();
        state = "Rescheduled" + (w == null ? "" : ": " + w.start() + " to " + w.end());
      }
      return new Summary(
          n.update().titleOr(n.incident().title()),
          state,
          text(n.update().body()),
          affected.toString(),
          site.incidentUrl(n.incident().id()));
    }
    Notice.ComponentNotice c = (Notice.ComponentNotice) notice;
    return new Summary(
        c.server().name() + " is " + c.to().label().toLowerCase(Locale.ROOT),
        c.from().label() + " → " + c.to().label(),
        "",
        c.server().id(),
        site.pageUrl().toString());
  }

  static ObjectNode slack(Notice notice, Site site) {
    Summary s = summary(notice, site);
    ObjectNode root = Codec.MAPPER.createObjectNode();
    root.put("text", s.title() + " (" + s.state() + ")");
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", truncate(s.title(), 150));
    StringBuilder section = new StringBuilder("*").append(slackEscape(s.state())).append('*');
    if (!s.body().isEmpty()) {
      section.append('\n').append(slackEscape(truncate(s.body(), 2800)));
    }
    if (!s.affected().isEmpty()) {
      section.append("\n_Affected:_ ").append(slackEscape(s.affected()));
    }
    ObjectNode body = blocks.addObject();
    body.put("type", "section");
    body.putObject("text").put("type", "mrkdwn").put("text", section.toString());
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    context.putArray("elements").addObject()
        .put("type", "mrkdwn")
        .put("text", "<" + s.link().replace("|", "%7C").replace(">", "%3E") + "|View on the status page>");
    return root;
  }

  static ObjectNode teams(Notice notice, Site site) {
    Summary s = summary(notice, site);
    ObjectNode root = Codec.MAPPER.createObjectNode();
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", s.title()).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
    body.addObject().put("type", "TextBlock").put("text", s.state()).put("isSubtle", true).put("wrap", true);
    if (!s.body().isEmpty()) {
      body.addObject().put("type", "TextBlock").put("text", s.body()).put("wrap", true);
    }
    if (!s.affected().isEmpty()) {
      ObjectNode facts = body.addObject().put("type", "FactSet");
      facts.putArray("facts").addObject().put("title", "Affected").put("value", s.affected());
    }
    card.putArray("actions").addObject()
        .put("type", "Action.OpenUrl")
        .put("title", "View on the status page")
        .put("url", s.link());
    return root;
  }

  /** A body as plain text: HTML tags dropped (line breaks kept) and the common entities decoded. */
  public static String text(Body body) {
    if (!body.isHtml()) {
      return body.text();
    }
    String t = BREAK.matcher(body.text()).replaceAll("\n");
    t = TAG.matcher(t).replaceAll("");
    return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&").strip();
  }

  private static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

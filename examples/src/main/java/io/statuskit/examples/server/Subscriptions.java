package io.statuskit.examples.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.html.HtmlEscapers;
import com.google.common.io.ByteStreams;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.examples.config.NotifySettings;
import io.statuskit.notify.Channel;
import io.statuskit.notify.Notifier;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import io.statuskit.page.PageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of subscriptions, under the page's base path: the subscribe form ({@code GET
 * subscribe}, with the servers to choose from) and its action ({@code POST subscribe}), the
 * confirmation link of the double opt-in ({@code GET subscriptions/{id}/confirm?token=...} shows
 * a button, only the {@code POST} confirms: mail scanners follow links) and the unsubscribe link
 * ({@code GET .../unsubscribe?token=...} shows a button; a {@code POST} there unsubscribes, also
 * the one-click POST of RFC 8058 a mail provider sends without a page). Pages work without
 * JavaScript.
 *
 * <ul>
 *   <li>Tokens are the subscriber's 192-bit random token, compared in constant time.
 *   <li>Cross-site requests: {@code POST subscribe} is refused (403) unless the browser says it
 *       comes from this site: {@code Sec-Fetch-Site: same-origin}, or else an {@code Origin} or
 *       {@code Referer} whose host and port are the request's {@code Host} or the page's. The
 *       confirm and unsubscribe POSTs are authorised by their token (which a forger does not have).
 *   <li>Rate limits: per client address and per e-mail address (or webhook host), answered 429
 *       with {@code Retry-After}.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Subscriptions {
  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  /** The largest form body read. */
  static final int MAX_FORM_BYTES = 16 * 1024;
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final String SUBSCRIBE = "subscribe";
  private static final String SUBSCRIPTIONS = "subscriptions/";

  private final @Nullable Notifier notifier;
  private final Supplier<StatusBoard> boards;
  private final PageSettings page;
  private final SubscriptionTexts texts;
  private final URI linkBase;
  private final boolean email;
  private final ImmutableSet<WebhookFormat> webhookFormats;
  private final @Nullable RateLimiter perClient;
  private final @Nullable RateLimiter perAddress;

  private Subscriptions(
      @Nullable Notifier notifier,
      Supplier<StatusBoard> boards,
      PageSettings page,
      URI linkBase,
      boolean email,
      ImmutableSet<WebhookFormat> webhookFormats,
      @Nullable RateLimiter perClient,
      @Nullable RateLimiter perAddress) {
    this.notifier = notifier;
    this.boards = boards;
    this.page = page;
    this.texts = SubscriptionTexts.of(page.locale());
    this.linkBase = linkBase;
    this.email = email;
    this.webhookFormats = webhookFormats;
    this.perClient = perClient;
    this.perAddress = perAddress;
  }

  /** No subscriptions: every route is left to the site (404). */
  public static Subscriptions off() {
    return new Subscriptions(null, StatusBoard::empty, PageSettings.local("off", 80), URI.create("http://localhost/"), false, ImmutableSet.of(), null, null);
  }

  /**
   * Subscriptions through a notifier.
   *
   * @param notifier keeps the subscribers and sends the confirmation requests
   * @param boards the current board (the servers the form offers)
   * @param page the page (its name, base path, style sheet and locale: the pages' texts are in its
   *     language, English or German)
   * @param settings what the form takes (e-mail when mail is configured, webhooks in the allowed
   *     formats), the links' base URL and the rate limits
   * @param ticker the rate limits' time source
   */
  public static Subscriptions of(
      Notifier notifier, Supplier<StatusBoard> boards, PageSettings page, NotifySettings settings, Ticker ticker) {
    requireNonNull(settings, "settings");
    NotifySettings.Rate client = settings.perClient();
    NotifySettings.Rate address = settings.perAddress();
    URI siteUrl = settings.siteUrl();
    return new Subscriptions(
        requireNonNull(notifier, "notifier"),
        requireNonNull(boards, "boards"),
        requireNonNull(page, "page"),
        siteUrl == null ? page.baseUrl() : siteUrl,
        settings.mail() != null,
        settings.webhookFormats(),
        new RateLimiter(client.count(), client.per(), 100_000, ticker),
        new RateLimiter(address.count(), address.per(), 100_000, ticker));
  }

  /** Whether the routes are served. */
  public boolean isOn() {
    return notifier != null;
  }

  /** Whether a path under the base path is one of these routes. */
  public boolean handles(String route) {
    return isOn() && (route.equals(SUBSCRIBE) || route.equals(SUBSCRIBE + "/") || route.startsWith(SUBSCRIPTIONS));
  }

  /**
   * One request.
   *
   * @param method the HTTP method
   * @param route the path after the base path, such as {@code subscribe}
   * @param query the raw query, or null
   * @param headers the request's headers by name
   * @param client the client's address (the rate limit's key)
   * @param body the request body
   */
  public AdminApi.Reply handle(
      String method, String route, @Nullable String query, Function<String, @Nullable String> headers, String client, InputStream body) {
    Notifier n = notifier;
    if (n == null) {
      return page(404, "title_not_found", "<p>" + texts.html("no_subscriptions") + "</p>");
    }
    try {
      if (route.equals(SUBSCRIBE) || route.equals(SUBSCRIBE + "/")) {
        return switch (method) {
          case "GET", "HEAD" -> form(null, 200);
          case "POST" -> subscribe(n, headers, client, body);
          default -> notAllowed("GET, HEAD, POST");
        };
      }
      String[] parts = route.substring(SUBSCRIPTIONS.length()).split("/", -1);
      if (parts.length != 2 || !(parts[1].equals("confirm") || parts[1].equals("unsubscribe"))) {
        return page(404, "title_not_found", "<p>" + texts.html("no_such_page") + "</p>");
      }
      String id = parts[0];
      String token = parameter(query, "token");
      boolean confirm = parts[1].equals("confirm");
      return switch (method) {
        case "GET", "HEAD" -> confirm ? confirmPage(n, id, token) : unsubscribePage(n, id, token);
        case "POST" -> confirm ? confirm(n, id, token) : unsubscribe(n, id, token);
        default -> notAllowed("GET, HEAD, POST");
      };
    } catch (IllegalStateException e) {
      log.warn("subscriptions: {}", e.getMessage());
      return page(503, "title_try_later", "<p>" + texts.html("unavailable") + "</p>");
    }
  }

  // ---------------------------------------------------------------- subscribing

  private AdminApi.Reply subscribe(Notifier n, Function<String, @Nullable String> headers, String client, InputStream body) {
    String refused = crossSite(headers);
    if (refused != null) {
      return page(403, "title_cross_site", "<p>" + escape(refused) + "</p>");
    }
    OptionalLong wait = requireNonNull(perClient).take(client);
    if (wait.isPresent()) {
      return tooMany(wait.getAsLong(), "too_many_client");
    }
    String contentType = headers.apply("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return page(415, "title_not_form", "<p>" + texts.html("not_form") + "</p>");
    }
    ImmutableListMultimap<String, String> form;
    try {
      byte[] bytes = ByteStreams.toByteArray(ByteStreams.limit(body, MAX_FORM_BYTES + 1L));
      if (bytes.length > MAX_FORM_BYTES) {
        return page(413, "title_too_large", "<p>" + texts.html("too_large", Integer.toString(MAX_FORM_BYTES)) + "</p>");
      }
      form = parse(new String(bytes, UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return form(texts.text("unreadable"), 400);
    }
    List<String> problems = new ArrayList<>();
    String address = single(form, "email", problems);
    String hook = single(form, "webhook", problems);
    if (address.isEmpty() == hook.isEmpty()) {
      problems.add(webhookFormats.isEmpty() || !email
          ? texts.text(email ? "problem_email_missing" : "problem_webhook_missing")
          : texts.text("problem_one_of"));
    }
    if (!address.isEmpty() && !email) {
      problems.add(texts.text("problem_no_email"));
    }
    Topics topics = topics(form, problems);
    WebhookFormat format = WebhookFormat.STATUSPAGE;
    URI url = null;
    if (!hook.isEmpty()) {
      if (webhookFormats.isEmpty()) {
        problems.add(texts.text("problem_no_webhooks"));
      }
      String formatKey = single(form, "format", problems);
      try {
        format = formatKey.isEmpty() ? WebhookFormat.STATUSPAGE : WebhookFormat.fromKey(formatKey);
        if (!webhookFormats.isEmpty() && !webhookFormats.contains(format)) {
          problems.add(texts.text("problem_format_not_offered", formatKey));
        }
      } catch (IllegalArgumentException e) {
        problems.add(texts.text("problem_format", formatKey));
      }
      try {
        url = new URI(hook);
        new Channel.Webhook(url, format, "0123456789abcdef"); // checks the URL's form
      } catch (URISyntaxException | IllegalArgumentException e) {
        problems.add(texts.text("problem_webhook_url", hook));
      }
    }
    if (!address.isEmpty()) {
      try {
        new Channel.Email(address);
      } catch (IllegalArgumentException e) {
        problems.add(texts.text("problem_email", address));
      }
    }
    if (!problems.isEmpty()) {
      return form(String.join("; ", problems), 400);
    }
    String target = url == null ? "email:" + address.toLowerCase(Locale.ROOT) : "host:" + url.getHost().toLowerCase(Locale.ROOT);
    wait = requireNonNull(perAddress).take(target);
    if (wait.isPresent()) {
      return tooMany(wait.getAsLong(), url == null ? "too_many_address" : "too_many_host");
    }
    if (url != null) {
      Subscriber s;
      try {
        s = n.addWebhook(url, format, topics);
      } catch (IllegalArgumentException e) {
        return form(texts.text("problem_webhook", String.valueOf(e.getMessage())), 400);
      }
      Channel.Webhook channel = (Channel.Webhook) s.channel();
      return page(
          201,
          "title_webhook_added",
          "<p>" + texts.html("webhook_added", "<code>" + escape(url.toString()) + "</code>", escape(format.key())) + "</p>"
              + "<p>" + texts.html("webhook_secret", "<code class=\"secret\">" + escape(channel.secret()) + "</code>") + "</p>"
              + "<p>" + texts.html("webhook_remove", "<code>" + escape(link(s, "unsubscribe")) + "</code>") + "</p>");
    }
    // One pending confirmation per address: a new request replaces the one before (its link stops
    // working). A confirmed subscription stays until the new one is confirmed.
    for (Subscriber other : n.subscribers()) {
      if (!other.confirmed() && other.channel() instanceof Channel.Email e && e.address().equalsIgnoreCase(address)) {
        n.remove(other.id());
      }
    }
    n.addEmail(address, topics);
    return page(
        200,
        "title_inbox",
        "<p>" + texts.html("inbox_sent", "<strong>" + escape(address) + "</strong>") + "</p>"
            + "<p>" + texts.html("inbox_none") + "</p>");
  }

  private Topics topics(ImmutableListMultimap<String, String> form, List<String> problems) {
    ImmutableList<String> kinds = form.get("kind");
    boolean incidents = kinds.contains("incident");
    boolean maintenance = kinds.contains("maintenance");
    for (String k : kinds) {
      if (!k.equals("incident") && !k.equals("maintenance")) {
        problems.add(texts.text("problem_kind", k));
      }
    }
    if (!incidents && !maintenance) {
      problems.add(texts.text("problem_kind_none"));
      return Topics.everything();
    }
    Topics topics = Topics.everything();
    if (!(incidents && maintenance)) {
      topics =
          incidents
              ? topics.withKinds(EnumSet.of(IncidentKind.INCIDENT, IncidentKind.NOTICE), true)
              : topics.withKinds(EnumSet.of(IncidentKind.MAINTENANCE), false);
    }
    ImmutableList<String> servers = form.get("server");
    if (!servers.isEmpty()) {
      ImmutableSet<String> offered = offeredServers().stream().map(Server::id).collect(ImmutableSet.toImmutableSet());
      for (String id : servers) {
        if (!offered.contains(id)) {
          problems.add(texts.text("problem_server", id));
        }
      }
      topics = topics.withServers(servers);
    }
    return topics;
  }

  private ImmutableList<Server> offeredServers() {
    return boards.get().glance().stream()
        .map(ServerStatus::server)
        .filter(Server::isPublic)
        .collect(ImmutableList.toImmutableList());
  }

  /** Why a request is refused as cross-site, or null when it comes from this site. */
  private @Nullable String crossSite(Function<String, @Nullable String> headers) {
    String site = headers.apply("Sec-Fetch-Site");
    if (site != null) {
      return site.equalsIgnoreCase("same-origin") ? null : texts.text("cross_site_fetch", site);
    }
    String host = headers.apply("Host");
    for (String name : List.of("Origin", "Referer")) {
      String value = headers.apply(name);
      if (value == null || value.equals("null")) {
        continue;
      }
      String authority;
      try {
        authority = new URI(value).getRawAuthority();
      } catch (URISyntaxException e) {
        authority = null;
      }
      boolean same =
          authority != null
              && (authority.equalsIgnoreCase(host == null ? "" : host)
                  || authority.equalsIgnoreCase(page.baseUrl().getRawAuthority())
                  || authority.equalsIgnoreCase(linkBase.getRawAuthority()));
      return same ? null : texts.text("cross_site_header", name, value);
    }
    return texts.text("cross_site_unknown");
  }

  // ---------------------------------------------------------------- links

  private Optional<Subscriber> withToken(Notifier n, String id, @Nullable String token) {
    if (token == null) {
      return Optional.empty();
    }
    for (Subscriber s : n.subscribers()) {
      if (s.id().equals(id)) {
        // Constant time: how much of the token matches does not show in the answer's timing.
        return MessageDigest.isEqual(s.token().getBytes(UTF_8), token.getBytes(UTF_8)) ? Optional.of(s) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private AdminApi.Reply confirmPage(Notifier n, String id, @Nullable String token) {
    Optional<Subscriber> s = withToken(n, id, token);
    if (s.isEmpty()) {
      return invalidLink();
    }
    if (s.get().confirmed()) {
      return page(200, "title_already", "<p>" + texts.html("already") + "</p>");
    }
    return page(
        200,
        "title_confirm",
        "<p>" + texts.html("confirm_question", escape(page.name()), "<strong>" + escape(address(s.get())) + "</strong>") + "</p>"
            + "<form method=\"post\" action=\"" + escape(link(s.get(), "confirm")) + "\">"
            + "<button type=\"submit\">" + texts.html("confirm_button") + "</button></form>");
  }

  private AdminApi.Reply confirm(Notifier n, String id, @Nullable String token) {
    if (token == null) {
      return invalidLink();
    }
    Optional<Subscriber> confirmed = n.confirm(id, token);
    if (confirmed.isEmpty()) {
      return invalidLink();
    }
    // The new choice replaces an older subscription of the same address.
    String address = address(confirmed.get());
    for (Subscriber other : n.subscribers()) {
      if (!other.id().equals(id) && other.channel() instanceof Channel.Email e && e.address().equalsIgnoreCase(address)) {
        n.remove(other.id());
      }
    }
    return page(
        200,
        "title_subscribed",
        "<p>" + texts.html("subscribed", escape(address), escape(page.name())) + "</p>");
  }

  private AdminApi.Reply unsubscribePage(Notifier n, String id, @Nullable String token) {
    Optional<Subscriber> s = withToken(n, id, token);
    if (s.isEmpty()) {
      return page(404, "title_not_subscribed", "<p>" + texts.html("not_subscribed") + "</p>");
    }
    return page(
        200,
        "title_unsubscribe",
        "<p>" + texts.html("unsubscribe_question", escape(page.name()), "<strong>" + escape(address(s.get())) + "</strong>") + "</p>"
            + "<form method=\"post\" action=\"" + escape(link(s.get(), "unsubscribe")) + "\">"
            + "<button type=\"submit\">" + texts.html("unsubscribe_button") + "</button></form>");
  }

  private AdminApi.Reply unsubscribe(Notifier n, String id, @Nullable String token) {
    if (token == null || !n.unsubscribe(id, token)) {
      return page(404, "title_not_subscribed", "<p>" + texts.html("not_subscribed") + "</p>");
    }
    return page(200, "title_unsubscribed", "<p>" + texts.html("unsubscribed") + "</p>");
  }

  private String link(Subscriber s, String action) {
    return linkBase.resolve(
            SUBSCRIPTIONS + URLEncoder.encode(s.id(), UTF_8) + "/" + action + "?token=" + URLEncoder.encode(s.token(), UTF_8))
        .toString();
  }

  private static String address(Subscriber s) {
    return s.channel() instanceof Channel.Email e ? e.address() : ((Channel.Webhook) s.channel()).url().toString();
  }

  // ---------------------------------------------------------------- pages

  private AdminApi.Reply form(@Nullable String problem, int status) {
    StringBuilder html = new StringBuilder();
    if (problem != null) {
      html.append("<p class=\"problem\" role=\"alert\">").append(escape(problem)).append("</p>");
    }
    html.append("<form method=\"post\" action=\"").append(escape(page.basePath() + SUBSCRIBE)).append("\">");
    if (email) {
      html.append("<p><label for=\"email\">").append(texts.html("form_email")).append("</label><br>")
          .append("<input id=\"email\" type=\"email\" name=\"email\" maxlength=\"254\" autocomplete=\"email\"></p>");
    }
    if (!webhookFormats.isEmpty()) {
      html.append("<p><label for=\"webhook\">").append(texts.html(email ? "form_or_webhook" : "form_webhook")).append("</label><br>")
          .append("<input id=\"webhook\" type=\"url\" name=\"webhook\" maxlength=\"2048\"> <select name=\"format\" aria-label=\"")
          .append(texts.html("form_format")).append("\">");
      for (WebhookFormat f : webhookFormats) {
        html.append("<option value=\"").append(f.key()).append("\">").append(f.key()).append("</option>");
      }
      html.append("</select></p>");
    }
    html.append("<fieldset><legend>").append(texts.html("form_what")).append("</legend>")
        .append("<label><input type=\"checkbox\" name=\"kind\" value=\"incident\" checked> ").append(texts.html("form_incidents"))
        .append("</label><br>")
        .append("<label><input type=\"checkbox\" name=\"kind\" value=\"maintenance\" checked> ").append(texts.html("form_maintenance"))
        .append("</label></fieldset>");
    ImmutableList<Server> servers = offeredServers();
    if (!servers.isEmpty()) {
      html.append("<fieldset><legend>").append(texts.html("form_servers")).append("</legend>");
      for (Server s : servers) {
        html.append("<label><input type=\"checkbox\" name=\"server\" value=\"").append(escape(s.id())).append("\"> ")
            .append(escape(s.name())).append(" (").append(escape(s.id())).append(")</label><br>");
      }
      html.append("</fieldset>");
    }
    html.append("<p><button type=\"submit\">").append(texts.html("form_button")).append("</button></p></form>");
    return page(status, "title_subscribe", html.toString());
  }

  private AdminApi.Reply invalidLink() {
    return page(
        404, "title_invalid_link", "<p>" + texts.html("invalid_link") + "</p>");
  }

  /** A 429 page; {@code whyKey} names the text that says which limit was hit. */
  private AdminApi.Reply tooMany(long seconds, String whyKey) {
    AdminApi.Reply reply =
        page(429, "title_too_many", "<p>" + texts.html("too_many", texts.html(whyKey), Long.toString(seconds)) + "</p>");
    return new AdminApi.Reply(
        429,
        reply.body(),
        ImmutableMap.<String, String>builder().putAll(reply.headers()).put("Retry-After", Long.toString(seconds)).buildOrThrow());
  }

  private static AdminApi.Reply notAllowed(String allow) {
    return new AdminApi.Reply(
        405, "method not allowed\n".getBytes(UTF_8), ImmutableMap.of("Allow", allow, "Content-Type", "text/plain; charset=utf-8"));
  }

  /** A page; {@code titleKey} names its title's text, {@code content} is its HTML. */
  private AdminApi.Reply page(int status, String titleKey, String content) {
    String base = page.basePath();
    String title = texts.text(titleKey);
    String html = "<!DOCTYPE html>\n<html lang=\"" + escape(texts.lang()) + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
        + "<title>" + escape(title) + " · " + escape(page.name()) + "</title>"
        + "<link rel=\"stylesheet\" href=\"" + escape(base + "style.css") + "\"></head>"
        + "<body><main class=\"subscription\"><section><h1>" + escape(title) + "</h1>" + content + "</section>"
        + "<p><a href=\"" + escape(base) + "\">" + texts.html("back", escape(page.name())) + "</a></p></main></body></html>\n";
    return new AdminApi.Reply(
        status,
        html.getBytes(UTF_8),
        ImmutableMap.of(
            "Content-Type", "text/html; charset=utf-8",
            "Cache-Control", "no-store",
            "Content-Security-Policy", CSP,
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff"));
  }

  private static String escape(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  // ---------------------------------------------------------------- forms and queries

  private static ImmutableListMultimap<String, String> parse(String body) {
    ImmutableListMultimap.Builder<String, String> fields = ImmutableListMultimap.builder();
    if (body.isEmpty()) {
      return fields.build();
    }
    for (String pair : body.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
      fields.put(name, value.strip());
    }
    return fields.build();
  }

  private String single(ImmutableListMultimap<String, String> form, String name, List<String> problems) {
    ImmutableList<String> values = form.get(name);
    if (values.size() > 1) {
      problems.add(texts.text("problem_repeated", name, values.size()));
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private static @Nullable String parameter(@Nullable String query, String name) {
    if (query == null) {
      return null;
    }
    try {
      String found = null;
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), UTF_8).equals(name)) {
          if (found != null) {
            return null;
          }
          found = URLDecoder.decode(pair.substring(eq + 1), UTF_8);
        }
      }
      return found;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

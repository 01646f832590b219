package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.notify.WebhookSignature;
import io.statuskit.testservers.StartTlsRelay;
import io.statuskit.testservers.TestCertificates;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscribe pages of a real {@code serve} with a {@code notify} section, mail going over
 * STARTTLS (a relay presenting a test CA's certificate, which the config's {@code trustCa} names)
 * with a login to a real SMTP server (GreenMail) on 127.0.0.1: the form, the confirmation mail and
 * its link (GET shows a button, POST confirms), a notice for an incident posted through the admin
 * API, the one-click unsubscribe of its {@code List-Unsubscribe} header, then no more mail; the
 * admin routes; cross-site posts; the rate limits; a webhook subscribed through the form.
 */
class SubscribeEndToEndTest {
  private static final String TOKEN = "admin-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern CONFIRM = Pattern.compile("http://localhost:\\d+(/subscriptions/[^/\\s]+/confirm\\?token=\\S+)");
  private static final Pattern UNSUBSCRIBE = Pattern.compile("<http://localhost:\\d+(/subscriptions/[^/\\s]+/unsubscribe\\?token=[^>\\s]+)>");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIRM_SUBJECT_DE = "Bestätigen Sie Ihr Abonnement bei localhost";

  @TempDir Path dir;
  GreenMail smtp;
  StartTlsRelay relay;
  StatusPageApp app;

  @BeforeEach
  void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    smtp.setUser("status@example.net", "status", "smtp-password-0123");
    TestCertificates ca = TestCertificates.authority("StatusKit examples mail CA");
    relay = new StartTlsRelay(ca.valid("127.0.0.1"), smtp.getSmtp().getPort());
    ca.writeCaPem(dir);
    app = serve("page: {name: Mail Co}", "data");
  }

  /** A serve with this page line in its config, its data in this directory. */
  private StatusPageApp serve(String pageLine, String data) throws Exception {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            pageLine,
            "admin: {token: " + TOKEN + "}",
            "servers:",
            "  - id: NC050",
            "    name: Nightly backup",
            "    heartbeat: {period: 1h}",
            "notify:",
            "  smtp:",
            "    host: 127.0.0.1",
            "    port: " + relay.port(),
            "    security: starttls",
            "    trustCa: ca.pem",
            "    username: status",
            "    password: ${SMTP_PASSWORD}",
            "    from: status@example.net",
            "    timeout: 10s",
            "  webhooks: {formats: [slack, statuspage], allowPrivateTargets: true}",
            "  rateLimit: {perClient: 6/1h, perAddress: 2/1h}",
            ""));
    ServeOptions options =
        new ServeOptions(0, "127.0.0.1", config, dir.resolve(data), null, null, true, Clock.systemUTC())
            .withStore(null, Map.of("SMTP_PASSWORD", "smtp-password-0123"));
    return StatusPageApp.start(options);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    relay.close();
    smtp.stop();
  }

  @Test
  void subscribeConfirmHearAnIncidentAndUnsubscribeWithOneClick() throws Exception {
    String front = body(send("GET", "", "", Map.of()));
    assertThat(front).contains("<form class=\"subscribe\" action=\"/subscribe\" method=\"post\">");

    String ops = subscribeAndConfirm("ops@example.net");
    String control = subscribeAndConfirm("control@example.net");
    assertThat(relay.handshakes()).as("every message went through STARTTLS").isGreaterThanOrEqualTo(2);

    JsonNode subscribers = admin("GET", "subscribers", "");
    assertThat(subscribers).hasSize(2);
    assertThat(subscribers.findValuesAsText("address")).containsExactly("ops@example.net", "control@example.net");
    assertThat(subscribers.findValuesAsText("confirmed")).containsOnly("true");
    assertThat(subscribers.toString()).doesNotContain("token");

    HttpResponse<String> opened =
        send("POST", "api/admin/incidents", "{\"title\": \"NC050: Backup late\", \"body\": \"We are looking into it.\"}",
            Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
    assertThat(opened.statusCode()).isEqualTo(201);
    MimeMessage notice = await(ops, "[Investigating] NC050: Backup late");
    assertThat(text(notice)).contains("We are looking into it.");
    assertThat(notice.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    Matcher unsubscribe = UNSUBSCRIBE.matcher(notice.getHeader("List-Unsubscribe", null));
    assertThat(unsubscribe.matches()).isTrue();
    await(control, "[Investigating] NC050: Backup late");

    // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the link, without a page,
    // an Origin or a cookie.
    HttpResponse<String> oneClick =
        send("POST", unsubscribe.group(1).substring(1), "List-Unsubscribe=One-Click",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(oneClick.statusCode()).isEqualTo(200);
    assertThat(oneClick.body()).contains("Unsubscribed");
    assertThat(admin("GET", "subscribers", "").findValuesAsText("address")).containsExactly("control@example.net");
    assertThat(send("GET", unsubscribe.group(1).substring(1), "", Map.of()).statusCode()).isEqualTo(404);

    String incident = JSON.readTree(opened.body()).get("id").asText();
    assertThat(
            send("POST", "api/admin/incidents/" + incident + "/resolve", "{\"body\": \"Done.\"}",
                    Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"))
                .statusCode())
        .isEqualTo(200);
    await(control, "[Resolved] NC050: Backup late");
    assertThat(subjects(ops)).as("nothing after the one-click unsubscribe")
        .containsExactly("Confirm your subscription to localhost", "[Investigating] NC050: Backup late");

    // The admin routes: remove a subscriber, dead letters.
    JsonNode letters = admin("GET", "dead-letters", "");
    assertThat(letters.isArray()).isTrue();
    assertThat(letters).isEmpty();
    String controlId = admin("GET", "subscribers", "").get(0).get("id").asText();
    assertThat(admin("POST", "dead-letters/" + controlId + "/retry", "").get("retried").asInt()).isZero();
    assertThat(send("DELETE", "api/admin/subscribers/" + controlId, "", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
        .isEqualTo(204);
    assertThat(send("DELETE", "api/admin/subscribers/" + controlId, "", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "api/admin/subscribers", "", Map.of()).statusCode()).as("without the token").isEqualTo(401);
    assertThat(admin("GET", "subscribers", "")).isEmpty();
  }

  /** Subscribes through the form, follows the mailed link (GET shows a button), confirms with the POST; the subscriber's id. */
  private String subscribeAndConfirm(String address) throws Exception {
    HttpResponse<String> sent = subscribe("email=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&kind=incident&kind=maintenance");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("Check your inbox", address);
    MimeMessage confirmation = await(address, "Confirm your subscription to localhost");
    Matcher link = CONFIRM.matcher(text(confirmation));
    assertThat(link.find()).isTrue();
    String path = link.group(1).substring(1);

    HttpResponse<String> page = send("GET", path, "", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<button type=\"submit\">Confirm the subscription</button>", "method=\"post\"");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(confirmed(address)).as("a GET (a mail scanner) does not confirm").isFalse();
    String wrongToken = path.replaceAll("token=.*", "token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(send("POST", wrongToken, "", Map.of()).statusCode()).isEqualTo(404);
    assertThat(confirmed(address)).isFalse();

    HttpResponse<String> done = send("POST", path, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("Subscribed");
    assertThat(confirmed(address)).isTrue();
    return address;
  }

  @Test
  void withTheLocaleGermanTheFormAndTheConfirmationPagesAreGerman() throws Exception {
    app.close();
    app = serve("page: {name: Mail Co, locale: de}", "data-de");

    HttpResponse<String> form = send("GET", "subscribe", "", Map.of());
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body())
        .contains("<html lang=\"de\">", "<title>Abonnieren · Mail Co</title>", "<label for=\"email\">E-Mail-Adresse</label>",
            "Störungen und Statusänderungen", "<button type=\"submit\">Abonnieren</button>", "Zurück zu Mail Co")
        .doesNotContain("lang=\"en\"", "E-mail address", "What to hear about");

    HttpResponse<String> bad = subscribe("email=nobody&kind=incident");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("email: muss eine E-Mail-Adresse wie ops@example.net sein: „nobody“");

    HttpResponse<String> sent = subscribe("email=ops%40example.net&kind=incident");
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("<html lang=\"de\">", "Bitte sehen Sie in Ihr Postfach", "<strong>ops@example.net</strong>");
    MimeMessage confirmation = await("ops@example.net", CONFIRM_SUBJECT_DE);
    assertThat(text(confirmation)).as("the mail speaks the page's language")
        .startsWith("Bitte bestätigen Sie, dass Sie Meldungen von http://localhost:")
        .doesNotContain("Please confirm");
    Matcher link = CONFIRM.matcher(text(confirmation));
    assertThat(link.find()).isTrue();
    String path = link.group(1).substring(1);

    HttpResponse<String> page = send("GET", path, "", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<html lang=\"de\">", "Meldungen von Mail Co an <strong>ops@example.net</strong> senden?",
            "<button type=\"submit\">Abonnement bestätigen</button>")
        .doesNotContain("Confirm");
    HttpResponse<String> done = send("POST", path, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("<h1>Abonniert</h1>", "ops@example.net erhält jetzt Meldungen von Mail Co.");
    assertThat(confirmed("ops@example.net")).isTrue();
    assertThat(send("GET", path, "", Map.of()).body()).as("the link again").contains("<h1>Bereits bestätigt</h1>");
  }

  @Test
  void crossSitePostsAreRefusedAndBadFormsNameTheField() throws Exception {
    String form = "email=ops%40example.net&kind=incident";
    assertThat(send("POST", "subscribe", form, Map.of("Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"))
            .statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "subscribe", form, Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example"))
            .statusCode())
        .isEqualTo(403);
    HttpResponse<String> bare = send("POST", "subscribe", form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(bare.statusCode()).isEqualTo(403);
    assertThat(bare.body()).contains("does not say which page sent it");
    String origin = "http://127.0.0.1:" + app.port();
    HttpResponse<String> sameOrigin =
        send("POST", "subscribe", form, Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", origin));
    assertThat(sameOrigin.statusCode()).isEqualTo(200);

    HttpResponse<String> bad = subscribe("email=not-an-address&kind=incident");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("email: must be an e-mail address such as ops@example.net: &quot;not-an-address&quot;");
    HttpResponse<String> injected = subscribe("email=" + URLEncoder.encode("ops@example.net\r\nBcc: x@example.org", StandardCharsets.UTF_8) + "&kind=incident");
    assertThat(injected.statusCode()).isEqualTo(400);
    HttpResponse<String> noKind = subscribe("email=ops%40example.net");
    assertThat(noKind.statusCode()).isEqualTo(400);
    assertThat(noKind.body()).contains("kind: choose incidents, maintenance or both");
    HttpResponse<String> unknownServer = subscribe("email=ops%40example.net&kind=incident&server=NC999");
    assertThat(unknownServer.body()).contains("server: no such server: &quot;NC999&quot;");
    HttpResponse<String> page = send("GET", "subscribe", "", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"server\" value=\"NC050\"", "Nightly backup", "name=\"webhook\"", "<option value=\"slack\">");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
  }

  @Test
  void theRateLimitsAnswer429WithRetryAfterPerAddressAndPerClient() throws Exception {
    assertThat(subscribe("email=a%40example.net&kind=incident").statusCode()).isEqualTo(200);
    assertThat(subscribe("email=a%40example.net&kind=incident").statusCode()).isEqualTo(200);
    HttpResponse<String> third = subscribe("email=a%40example.net&kind=incident");
    assertThat(third.statusCode()).as("perAddress: 2/1h").isEqualTo(429);
    long retry = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retry).isBetween(1L, 1800L);
    assertThat(third.body()).contains("too many subscribe requests for this address");
    assertThat(admin("GET", "subscribers", "").findValuesAsText("address"))
        .as("one pending confirmation per address").containsExactly("a@example.net");

    assertThat(subscribe("email=b%40example.net&kind=incident").statusCode()).isEqualTo(200);
    assertThat(subscribe("email=c%40example.net&kind=incident").statusCode()).isEqualTo(200);
    assertThat(subscribe("email=d%40example.net&kind=incident").statusCode()).isEqualTo(200);
    HttpResponse<String> seventh = subscribe("email=e%40example.net&kind=incident");
    assertThat(seventh.statusCode()).as("perClient: 6/1h").isEqualTo(429);
    assertThat(Long.parseLong(seventh.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
    assertThat(seventh.body()).contains("too many subscribe requests from your address");
    assertThat(admin("GET", "subscribers", "")).hasSize(4);
  }

  @Test
  void aWebhookSubscribedThroughTheFormGetsSignedRequests() throws Exception {
    List<String[]> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new String[] {
        exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
        new String(body, StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      HttpResponse<String> added = subscribe("webhook=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&format=slack&kind=incident");
      assertThat(added.statusCode()).isEqualTo(201);
      Matcher secret = Pattern.compile("<code class=\"secret\">(whsec_[A-Za-z0-9_-]+)</code>").matcher(added.body());
      assertThat(secret.find()).isTrue();
      assertThat(subscribe("webhook=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&format=teams&kind=incident").body())
          .contains("format: not offered here: &quot;teams&quot;");

      assertThat(
              send("POST", "api/admin/incidents", "{\"title\": \"NC050: Backup late\", \"body\": \"Looking.\"}",
                      Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"))
                  .statusCode())
          .isEqualTo(201);
      assertThat(poll(() -> !received.isEmpty())).isTrue();
      String[] request = received.get(0);
      assertThat(request[2]).contains("NC050: Backup late", "\"blocks\"");
      assertThat(WebhookSignature.verify(secret.group(1), Long.parseLong(request[0]), request[2].getBytes(StandardCharsets.UTF_8), request[1]))
          .isTrue();
    } finally {
      receiver.stop(0);
    }
  }

  // ---------------------------------------------------------------- helpers

  private HttpResponse<String> subscribe(String form) {
    return send("POST", "subscribe", form, Map.of("Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin"));
  }

  private boolean confirmed(String address) {
    for (JsonNode s : admin("GET", "subscribers", "")) {
      if (address.equals(s.path("address").asText())) {
        return s.get("confirmed").asBoolean();
      }
    }
    throw new AssertionError("no subscriber " + address);
  }

  private JsonNode admin(String method, String route, String body) {
    HttpResponse<String> response =
        send(method, "api/admin/" + route, body, Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
    assertThat(response.statusCode()).as(method + " " + route + ": " + response.body()).isBetween(200, 299);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.url().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String body(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private MimeMessage await(String address, String subject) throws Exception {
    assertThat(poll(() -> find(address, subject) != null))
        .as("a message \"" + subject + "\" to " + address + "; received: " + subjects(address))
        .isTrue();
    return java.util.Objects.requireNonNull(find(address, subject));
  }

  private @org.jspecify.annotations.Nullable MimeMessage find(String address, String subject) {
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address) && subject.equals(m.getSubject())) {
          return m;
        }
      }
      return null;
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> subjects(String address) {
    List<String> subjects = new ArrayList<>();
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
          subjects.add(m.getSubject());
        }
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return subjects;
  }

  private static String text(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        return part.getContent().toString();
      }
    }
    throw new AssertionError("no text part");
  }

  private static boolean poll(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}

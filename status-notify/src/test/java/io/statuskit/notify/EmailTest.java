package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Receiver.Answer;
import io.statuskit.notify.store.InMemoryNotificationStore;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail through a real SMTP server on 127.0.0.1 (GreenMail): opt-in, notices, unsubscribe. */
class EmailTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern CONFIRM =
      Pattern.compile("https://status\\.example\\.net/subscriptions/([^/\\s]+)/confirm\\?token=(\\S+)");
  private static final Pattern UNSUBSCRIBE =
      Pattern.compile("<https://status\\.example\\.net/subscriptions/([^/\\s]+)/unsubscribe\\?token=([^>\\s]+)>");

  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private Notifier.Builder notifier(StatusTracker tracker, InMemoryStatusStore store, int port) {
    return Notifier.builder()
        .tracker(tracker, store)
        .store(new InMemoryNotificationStore())
        .pageUrl(URI.create("https://status.example.net/"))
        .targets(TargetPolicy.allowingLoopback())
        .mail(MailSettings.of("127.0.0.1", port, "status@example.net")
            .withSecurity(MailSettings.Security.NONE)
            .withTimeout(Duration.ofSeconds(10)));
  }

  @Test
  void aConfirmedSubscriberGetsTextAndHtmlNoticesWithOneClickUnsubscribeAndTheLinkWorks() throws Exception {
    try (Receiver receiver = new Receiver(r -> Answer.OK);
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store, smtp.getSmtp().getPort()).build()) {
      Scenario.servers(tracker);
      Subscriber clock = notifier.addWebhook(receiver.url("/clock"), WebhookFormat.STATUSPAGE, Topics.everything());
      Subscriber subscriber = notifier.addEmail("ops@example.net", Topics.everything());

      assertThat(Receiver.await(WAIT, () -> smtp.getReceivedMessages().length >= 1)).isTrue();
      MimeMessage confirmation = smtp.getReceivedMessages()[0];
      assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to status.example.net");
      assertThat(confirmation.getAllRecipients()[0].toString()).isEqualTo("ops@example.net");
      Matcher link = CONFIRM.matcher(part(confirmation, "text/plain"));
      assertThat(link.find()).isTrue();
      assertThat(part(confirmation, "text/html")).contains("Confirm the subscription");

      List<Long> beforeConfirming = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(WAIT, () -> receiver.requests().size() == beforeConfirming.size())).isTrue();
      assertThat(notifier.confirm(decode(link.group(1)), decode(link.group(2)))).isPresent();

      List<Long> heard = Scenario.rounds(tracker, 1);
      List<String> expectedIds = new ArrayList<>();
      heard.forEach(v -> expectedIds.add("<" + subscriber.id() + "." + v + "@status.example.net>"));
      assertThat(Receiver.await(WAIT, () -> noticeIds().size() == heard.size())).isTrue();
      assertThat(noticeIds()).as("nothing before the confirmation, then every notice in order").isEqualTo(expectedIds);

      MimeMessage update = message(expectedIds.get(1));
      assertThat(update.getFrom()[0].toString()).isEqualTo("status@example.net");
      assertThat(update.getSubject()).isEqualTo("[Identified] NC027: Mail server down 0");
      assertThat(update.getContentType()).startsWith("multipart/alternative");
      assertThat(part(update, "text/plain"))
          .contains("NC027: Mail server down 0", "Identified", "A disk failed <again> & again.", "Affected: NC027 (Mail server)",
              "Read more: https://status.example.net/incidents/");
      assertThat(part(update, "text/html")).contains("A disk failed &lt;again&gt; &amp; again.", "Unsubscribe</a>");
      assertThat(update.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
      assertThat(update.getHeader("X-StatusKit-Idempotency-Key", null)).isEqualTo(subscriber.id() + ":" + heard.get(1));
      Matcher unsubscribe = UNSUBSCRIBE.matcher(update.getHeader("List-Unsubscribe", null));
      assertThat(unsubscribe.matches()).isTrue();

      assertThat(notifier.unsubscribe(decode(unsubscribe.group(1)), decode(unsubscribe.group(2)))).isTrue();
      List<Long> after = Scenario.rounds(tracker, 1);
      long last = after.get(after.size() - 1);
      assertThat(Receiver.await(WAIT, () -> notifier.deliveredThrough(clock.id()).orElse(0) >= last)).isTrue();
      assertThat(noticeIds()).as("nothing after unsubscribing").isEqualTo(expectedIds);
    }
  }

  @Test
  void withTheLocaleGermanTheConfirmationAndTheNoticesOwnTextsAreGerman() throws Exception {
    try (InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store, smtp.getSmtp().getPort()).locale(Locale.GERMAN).build()) {
      Scenario.servers(tracker);
      Subscriber subscriber = notifier.addEmail("ops@example.net", Topics.everything());

      assertThat(Receiver.await(WAIT, () -> smtp.getReceivedMessages().length >= 1)).isTrue();
      MimeMessage confirmation = smtp.getReceivedMessages()[0];
      assertThat(confirmation.getSubject()).isEqualTo("Bestätigen Sie Ihr Abonnement bei status.example.net");
      String text = part(confirmation, "text/plain");
      assertThat(text)
          .startsWith("Bitte bestätigen Sie, dass Sie Meldungen von https://status.example.net/ an diese Adresse erhalten möchten:")
          .contains("Wenn Sie das nicht angefordert haben")
          .doesNotContain("Please confirm");
      assertThat(part(confirmation, "text/html")).contains("<html lang=\"de\">", "Abonnement bestätigen</a>");
      Matcher link = CONFIRM.matcher(text);
      assertThat(link.find()).isTrue();
      assertThat(notifier.confirm(decode(link.group(1)), decode(link.group(2)))).isPresent();

      List<Long> heard = Scenario.rounds(tracker, 1);
      String second = "<" + subscriber.id() + "." + heard.get(1) + "@status.example.net>";
      assertThat(Receiver.await(WAIT, () -> noticeIds().contains(second))).isTrue();
      MimeMessage notice = message(second);
      assertThat(notice.getSubject()).as("the post's own words stay as written").isEqualTo("[Identified] NC027: Mail server down 0");
      assertThat(part(notice, "text/plain"))
          .contains("Betroffen: NC027 (Mail server)", "Mehr dazu: https://status.example.net/incidents/",
              "Sie erhalten diese Nachricht, weil Sie auf https://status.example.net/ Meldungen abonniert haben.", "Abbestellen: https://")
          .doesNotContain("Affected", "Read more", "Unsubscribe");
      assertThat(part(notice, "text/html")).contains("<html lang=\"de\">", "Mehr dazu auf der Statusseite</a>", "Abbestellen</a>");
    }
  }

  @Test
  void anUnreachableMailServerDeadLettersAfterTheAttempts() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    try (InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store, closedPort)
            .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 0, 3)).flushInterval(Duration.ofMillis(20)).build()) {
      Scenario.servers(tracker);
      Subscriber s = notifier.addEmail("ops@example.net", Topics.everything());
      notifier.confirm(s.id(), s.token());
      List<Long> heard = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(WAIT, () -> notifier.deadLetters().size() == heard.size())).isTrue();
      assertThat(notifier.deadLetters()).extracting(DeadLetter::version).containsExactlyElementsOf(heard);
      assertThat(notifier.deadLetters()).allSatisfy(d -> {
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastError()).contains("MailConnectException");
      });
    }
  }

  /** The distinct Message-IDs of the notices received (a retried send repeats its id), in order. */
  private List<String> noticeIds() {
    List<String> ids = new ArrayList<>();
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        String id = m.getMessageID();
        if (!id.contains(".confirm.") && !ids.contains(id)) {
          ids.add(id);
        }
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
    return ids;
  }

  private MimeMessage message(String id) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getMessageID().equals(id)) {
        return m;
      }
    }
    throw new AssertionError("no message " + id);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String part(MimeMessage message, String type) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).isMimeType(type)) {
        return parts.getBodyPart(i).getContent().toString();
      }
    }
    throw new AssertionError("no " + type + " part");
  }
}

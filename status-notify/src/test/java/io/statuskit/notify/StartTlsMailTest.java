package io.statuskit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.store.InMemoryNotificationStore;
import io.statuskit.testservers.StartTlsRelay;
import io.statuskit.testservers.TestCertificate;
import io.statuskit.testservers.TestCertificates;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail over STARTTLS to a real mail server (GreenMail behind a {@link StartTlsRelay} that
 * presents a test CA's certificate): the client checks the certificate against the CA it was told
 * to trust and the host name; a certificate of another CA, or for another host, is refused, and
 * the dead letter says why.
 */
class StartTlsMailTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TestCertificates CA = TestCertificates.authority("StatusKit mail test CA");

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

  static SSLContext trusting(TestCertificates ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca.caCertificate());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private Notifier notifier(StatusTracker tracker, InMemoryStatusStore store, StartTlsRelay relay) throws Exception {
    return Notifier.builder()
        .tracker(tracker, store)
        .store(new InMemoryNotificationStore())
        .pageUrl(URI.create("https://status.example.net/"))
        .mail(MailSettings.of("127.0.0.1", relay.port(), "status@example.net").withTimeout(Duration.ofSeconds(10)))
        .mailTls(trusting(CA))
        .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 0, 2))
        .flushInterval(Duration.ofMillis(20))
        .build();
  }

  @Test
  void mailGoesOverStartTlsWhenTheCertificateIsSignedByTheTrustedAuthority() throws Exception {
    try (StartTlsRelay relay = new StartTlsRelay(CA.valid("127.0.0.1"), smtp.getSmtp().getPort());
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store, relay)) {
      Scenario.servers(tracker);
      Subscriber s = notifier.addEmail("ops@example.net", Topics.everything());
      assertThat(Receiver.await(WAIT, () -> smtp.getReceivedMessages().length == 1)).isTrue();
      assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Confirm your subscription to status.example.net");
      assertThat(relay.handshakes()).as("the message went through TLS").isEqualTo(1);

      assertThat(notifier.confirm(s.id(), s.token())).isPresent();
      List<Long> heard = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(WAIT, () -> smtp.getReceivedMessages().length == 1 + heard.size())).isTrue();
      MimeMessage last = smtp.getReceivedMessages()[heard.size()];
      assertThat(last.getHeader("X-StatusKit-Idempotency-Key", null)).isEqualTo(s.id() + ":" + heard.get(heard.size() - 1));
      assertThat(relay.handshakes()).isEqualTo(1 + heard.size());
      assertThat(notifier.deadLetters()).isEmpty();
    }
  }

  @Test
  void aCertificateOfAnotherAuthorityIsRefusedAndTheDeadLetterSaysWhy() throws Exception {
    TestCertificate stranger = TestCertificates.authority("Some other CA").valid("127.0.0.1");
    assertRefused(stranger, "SSLHandshakeException: PKIX path building failed");
  }

  @Test
  void aCertificateForAnotherHostIsRefusedAndTheDeadLetterSaysWhy() throws Exception {
    assertRefused(CA.valid("mail.example.org"), "127.0.0.1");
  }

  private void assertRefused(TestCertificate certificate, String why) throws Exception {
    try (StartTlsRelay relay = new StartTlsRelay(certificate, smtp.getSmtp().getPort());
        InMemoryStatusStore store = new InMemoryStatusStore();
        StatusTracker tracker = StatusTracker.builder().store(store).build();
        Notifier notifier = notifier(tracker, store, relay)) {
      Scenario.servers(tracker);
      Subscriber s = notifier.addEmail("ops@example.net", Topics.everything());
      notifier.confirm(s.id(), s.token());
      List<Long> heard = Scenario.rounds(tracker, 1);
      assertThat(Receiver.await(WAIT, () -> notifier.deadLetters().size() == heard.size())).isTrue();
      assertThat(notifier.deadLetters()).allSatisfy(d -> {
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastError()).contains("Could not convert socket to TLS", why);
      });
      assertThat(smtp.getReceivedMessages()).as("nothing reached the mail server").isEmpty();
    }
  }
}

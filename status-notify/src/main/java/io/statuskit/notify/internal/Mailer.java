package io.statuskit.notify.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.html.HtmlEscapers;
import io.statuskit.notify.Channel;
import io.statuskit.notify.MailSettings;
import io.statuskit.notify.Subscriber;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends notices and confirmation requests through Jakarta Mail (Eclipse Angus): a plain-text and
 * an HTML part, a Message-ID made of the idempotency key, and {@code List-Unsubscribe} with
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). The messages' own texts
 * (the confirmation request, a notice's "Affected", "Read more" and footer) are in the notifier's
 * locale ({@link MailTexts}); a notice's title, state and body are the post's. Thread-safe.
 */
public final class Mailer {
  private final MailSettings settings;
  private final Payloads.Site site;
  private final Session session;
  private final MailTexts texts;

  /** A mailer with its own session, trusting the JVM's default certificate authorities, writing English. */
  public Mailer(MailSettings settings, Payloads.Site site) {
    this(settings, site, null, Locale.ENGLISH);
  }

  /**
   * A mailer with its own session.
   *
   * @param tls the TLS sockets for STARTTLS and SMTPS (its trust managers decide which server
   *     certificates are accepted), or null for the JVM's default
   * @param locale the language of the messages' own texts (English, German; another language gets
   *     English)
   */
  public Mailer(MailSettings settings, Payloads.Site site, @Nullable SSLSocketFactory tls, Locale locale) {
    this.settings = requireNonNull(settings, "settings");
    this.site = requireNonNull(site, "site");
    this.texts = MailTexts.of(locale);
    Properties p = new Properties();
    String protocol = settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp";
    String prefix = "mail." + protocol + ".";
    p.setProperty("mail.transport.protocol", protocol);
    p.setProperty(prefix + "host", settings.host());
    p.setProperty(prefix + "port", Integer.toString(settings.port()));
    String millis = Long.toString(settings.timeout().toMillis());
    p.setProperty(prefix + "connectiontimeout", millis);
    p.setProperty(prefix + "timeout", millis);
    p.setProperty(prefix + "writetimeout", millis);
    p.setProperty(prefix + "auth", Boolean.toString(settings.username() != null));
    if (settings.security() == MailSettings.Security.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (settings.security() != MailSettings.Security.NONE) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
      if (tls != null) {
        p.put(prefix + "ssl.socketFactory", tls);
      }
    }
    this.session = Session.getInstance(p);
  }

  /** Sends a notice to an e-mail subscriber. */
  public void sendNotice(Subscriber subscriber, Notice notice) throws MessagingException {
    Payloads.Summary s = Payloads.summary(notice, site);
    String unsubscribe = site.unsubscribeUrl(subscriber);
    StringBuilder text = new StringBuilder();
    text.append(s.title()).append("\n\n").append(s.state()).append(" (").append(notice.at()).append(")\n\n");
    if (!s.body().isEmpty()) {
      text.append(s.body()).append("\n\n");
    }
    if (!s.affected().isEmpty()) {
      text.append(texts.text("affected", s.affected())).append("\n\n");
    }
    text.append(texts.text("read_more", s.link())).append("\n\n-- \n")
        .append(texts.text("footer", site.pageUrl())).append('\n')
        .append(texts.text("unsubscribe")).append(": ").append(unsubscribe).append('\n');
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(escape(texts.lang())).append("\"><body>");
    html.append("<h1>").append(escape(s.title())).append("</h1>");
    html.append("<p><strong>").append(escape(s.state())).append("</strong> (").append(escape(notice.at().toString())).append(")</p>");
    if (!s.body().isEmpty()) {
      html.append("<p>").append(escape(s.body()).replace("\n", "<br>")).append("</p>");
    }
    if (!s.affected().isEmpty()) {
      html.append("<p>").append(escape(texts.text("affected", s.affected()))).append("</p>");
    }
    html.append("<p><a href=\"").append(escape(s.link())).append("\">").append(escape(texts.text("read_more_link"))).append("</a></p>");
    html.append("<hr><p><small>").append(escape(texts.text("footer", site.pageUrl())))
        .append(" <a href=\"").append(escape(unsubscribe)).append("\">").append(escape(texts.text("unsubscribe")))
        .append("</a></small></p></body></html>");
    MimeMessage message =
        message(subscriber, "<" + subscriber.id() + "." + notice.version() + "@" + host() + ">", "[" + s.state() + "] " + s.title());
    message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setHeader("X-StatusKit-Idempotency-Key", Payloads.idempotencyKey(subscriber, notice));
    message.setContent(alternative(text.toString(), html.toString()));
    Transport.send(message, settings.username(), settings.password());
  }

  /** Sends the double opt-in request: one link that confirms. */
  public void sendConfirmation(Subscriber subscriber, Instant now) throws MessagingException {
    String confirm = site.confirmUrl(subscriber);
    String text = texts.text("confirm_ask", site.pageUrl()) + "\n\n" + confirm + "\n\n" + texts.text("confirm_ignore") + "\n";
    String html = "<!DOCTYPE html><html lang=\"" + escape(texts.lang()) + "\"><body><p>" + escape(texts.text("confirm_ask", site.pageUrl()))
        + "</p><p><a href=\"" + escape(confirm) + "\">" + escape(texts.text("confirm_link")) + "</a></p><p>"
        + escape(texts.text("confirm_ignore")) + "</p></body></html>";
    MimeMessage message =
        message(subscriber, "<" + subscriber.id() + ".confirm." + now.toEpochMilli() + "@" + host() + ">",
            texts.text("confirm_subject", host()));
    message.setContent(alternative(text, html));
    Transport.send(message, settings.username(), settings.password());
  }

  private String host() {
    String host = site.pageUrl().getHost();
    return host == null ? "statuskit.invalid" : host;
  }

  private MimeMessage message(Subscriber subscriber, String messageId, String subject) throws MessagingException {
    MimeMessage message = new FixedIdMessage(session, messageId);
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(((Channel.Email) subscriber.channel()).address()));
    message.setSubject(oneLine(subject), "UTF-8");
    return message;
  }

  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8");
    alternative.addBodyPart(plain);
    MimeBodyPart rich = new MimeBodyPart();
    rich.setContent(html, "text/html; charset=UTF-8");
    alternative.addBodyPart(rich);
    return alternative;
  }

  /** A header value on one line: CR, LF and other control characters become spaces (no header injection). */
  static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }

  private static String escape(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }

  /** A message whose Message-ID is ours, so a redelivery carries the same one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}

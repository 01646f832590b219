package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How e-mail is sent: the SMTP server, its transport security, the login and the sender address.
 * Immutable and thread-safe.
 *
 * @param host the SMTP server's host name or address
 * @param port its port, 1 to 65535 (587 for submission with STARTTLS, 465 for SMTPS)
 * @param security how the connection is protected
 * @param username the login, or null to send without authentication
 * @param password the password; present exactly when {@code username} is
 * @param from the sender address, such as {@code status@example.net}
 * @param timeout how long connecting, and each read and write, may take
 */
public record MailSettings(
    String host,
    int port,
    Security security,
    @Nullable String username,
    @Nullable String password,
    String from,
    Duration timeout) {
  /** Transport security. */
  public enum Security {
    /** Plain SMTP: only for a relay on the same host or a test server. */
    NONE,
    /** STARTTLS, required: the message is not sent when the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SMTPS
  }

  /** Checks the parts. */
  public MailSettings {
    requireNonNull(host, "host");
    requireNonNull(security, "security");
    requireNonNull(from, "from");
    requireNonNull(timeout, "timeout");
    checkArgument(!host.isBlank() && host.matches("[A-Za-z0-9.:\\[\\]-]+"), "host must be a host name or address: %s", host);
    checkArgument(port >= 1 && port <= 65535, "port must be 1 to 65535: %s", port);
    checkArgument((username == null) == (password == null), "username and password come together");
    checkArgument(username == null || !username.isBlank(), "username must not be blank");
    new Channel.Email(from); // checks the address
    checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive: %s", timeout);
  }

  /** Settings for a server with required STARTTLS, no login, a 30 s timeout. */
  public static MailSettings of(String host, int port, String from) {
    return new MailSettings(host, port, Security.STARTTLS, null, null, from, Duration.ofSeconds(30));
  }

  /** These settings with another transport security. */
  public MailSettings withSecurity(Security newSecurity) {
    return new MailSettings(host, port, newSecurity, username, password, from, timeout);
  }

  /** These settings with a login. */
  public MailSettings withLogin(String newUsername, String newPassword) {
    return new MailSettings(host, port, security, newUsername, newPassword, from, timeout);
  }

  /** These settings with another timeout. */
  public MailSettings withTimeout(Duration newTimeout) {
    return new MailSettings(host, port, security, username, password, from, newTimeout);
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "MailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
        + ", from=" + from + ", timeout=" + timeout + "]";
  }
}

package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a subscriber is reached: an e-mail address or a webhook URL. Immutable and thread-safe. */
public sealed interface Channel {
  /**
   * An e-mail address. Delivery needs a mail sender (not part of this release: e-mail
   * subscribers are kept, confirmed and filtered, but nothing is sent to them yet).
   *
   * @param address the address, such as {@code ops@example.net}: one line, one {@code @}, no
   *     spaces or angle brackets, at most 254 characters
   */
  record Email(String address) implements Channel {
    private static final Pattern ADDRESS =
        Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*");

    /** Checks the address. */
    public Email {
      requireNonNull(address, "address");
      checkArgument(
          address.length() <= 254 && ADDRESS.matcher(address).matches(),
          "address must be an e-mail address such as ops@example.net: %s",
          address);
    }
  }

  /**
   * A webhook: every notification is an HTTP POST of a JSON body to {@code url}, signed with
   * {@code secret} (see {@link WebhookSignature}).
   *
   * @param url an absolute http or https URL with a host and no user info or fragment
   * @param format the body's format
   * @param secret the HMAC key, at least 16 characters; shown to the subscriber once
   */
  record Webhook(URI url, WebhookFormat format, String secret) implements Channel {
    /** Checks the parts. */
    public Webhook {
      requireNonNull(url, "url");
      requireNonNull(format, "format");
      requireNonNull(secret, "secret");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      checkArgument(
          url.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
          "url must be an absolute http or https URL with a host: %s",
          url);
      checkArgument(url.getRawUserInfo() == null, "url must not carry user info: %s", url);
      checkArgument(url.getRawFragment() == null, "url must not have a fragment: %s", url);
      checkArgument(url.toString().length() <= 2048, "url must be at most 2048 characters: %s", url);
      checkArgument(secret.length() >= 16, "secret must be at least 16 characters long");
    }

    /** The URL and format; never the secret. */
    @Override
    public String toString() {
      return "Webhook[url=" + url + ", format=" + format.key() + "]";
    }
  }
}

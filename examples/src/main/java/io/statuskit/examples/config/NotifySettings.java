package io.statuskit.examples.config;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.statuskit.notify.MailSettings;
import io.statuskit.notify.TargetPolicy;
import io.statuskit.notify.WebhookFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code notify} section: subscribers by e-mail and webhook, the subscribe form and its rate
 * limits. Immutable and thread-safe.
 *
 * @param mail how e-mail is sent ({@code notify.smtp}), or null: then the form takes no e-mail
 *     addresses
 * @param trustCa a PEM file of the certificate authorities the SMTP server's certificate is checked
 *     against ({@code notify.smtp.trustCa}), or null for the JVM's
 * @param siteUrl the page's public URL, for the links in messages ({@code notify.siteUrl}), or null
 *     for {@code page.baseUrl}
 * @param store the directory of the notification store ({@code notify.store}), or null for {@code
 *     notify} in the data directory
 * @param webhookFormats which webhook formats the form offers ({@code notify.webhooks.formats});
 *     empty when the form takes no webhooks
 * @param targets which webhook targets may be called ({@code notify.webhooks.allowHttp},
 *     {@code allowLoopback}, {@code allowPrivate}: all false by default)
 * @param connectTimeout how long connecting to a webhook may take
 * @param requestTimeout how long a webhook receiver may take to answer
 * @param perClient how many subscribe requests one client address may make
 * @param perAddress how many subscribe requests may name one e-mail address (or webhook host)
 */
public record NotifySettings(
    @Nullable MailSettings mail,
    @Nullable Path trustCa,
    @Nullable URI siteUrl,
    @Nullable Path store,
    ImmutableSet<WebhookFormat> webhookFormats,
    TargetPolicy targets,
    Duration connectTimeout,
    Duration requestTimeout,
    Rate perClient,
    Rate perAddress) {
  /** Checks the parts. */
  public NotifySettings {
    requireNonNull(webhookFormats, "webhookFormats");
    requireNonNull(targets, "targets");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(perClient, "perClient");
    requireNonNull(perAddress, "perAddress");
  }

  /**
   * A rate: at most {@code count} requests per {@code per}, in bursts of up to {@code count} (a
   * token bucket of {@code count} tokens, one back every {@code per / count}).
   *
   * @param count 1 to 1,000,000
   * @param per a positive duration
   */
  public record Rate(int count, Duration per) {
    /** Checks the parts. */
    public Rate {
      requireNonNull(per, "per");
      if (count < 1 || count > 1_000_000) {
        throw new IllegalArgumentException("count must be 1 to 1000000: " + count);
      }
      if (per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("per must be positive: " + per);
      }
    }

    /** As the config file writes it, such as {@code 10/1h}. */
    @Override
    public String toString() {
      return count + "/" + per;
    }
  }
}

package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Someone who hears about changes: how to reach them, what they hear, and from which board
 * version on. Immutable and thread-safe.
 *
 * @param id 8 to 64 letters, digits, {@code -} or {@code _}; part of every idempotency key
 * @param channel an e-mail address or a webhook
 * @param topics what they hear about
 * @param confirmed whether they confirmed (double opt-in for e-mail; webhooks are confirmed when
 *     added); nothing is delivered before
 * @param since the board version when the subscription took effect: only later events are heard
 * @param createdAt when the subscription was made
 * @param token the secret that authorises confirming and unsubscribing by link, 16 or more
 *     characters
 */
public record Subscriber(
    String id, Channel channel, Topics topics, boolean confirmed, long since, Instant createdAt, String token) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /** Checks the parts. */
  public Subscriber {
    requireNonNull(id, "id");
    requireNonNull(channel, "channel");
    requireNonNull(topics, "topics");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(token, "token");
    checkArgument(ID.matcher(id).matches(), "id must be 8 to 64 letters, digits, '-' or '_': %s", id);
    checkArgument(since >= 0, "since must not be negative: %s", since);
    checkArgument(token.length() >= 16, "token must be at least 16 characters long");
  }

  /** This subscriber, confirmed, hearing events after {@code version}. */
  public Subscriber confirmedAt(long version) {
    return new Subscriber(id, channel, topics, true, version, createdAt, token);
  }

  /** The id, channel and topics; never the token or a webhook secret. */
  @Override
  public String toString() {
    return "Subscriber[id=" + id + ", channel=" + channel + ", topics=" + topics
        + ", confirmed=" + confirmed + ", since=" + since + "]";
  }
}

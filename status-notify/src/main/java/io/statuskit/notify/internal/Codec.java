package io.statuskit.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.IncidentKind;
import io.statuskit.notify.Channel;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;

/** JSON of subscribers and dead letters, for the file store. Thread-safe. */
public final class Codec {
  /** The shared mapper (only trees are read and written). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Codec() {}

  /** A subscriber as a JSON object. */
  public static ObjectNode write(Subscriber s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", s.id());
    ObjectNode channel = node.putObject("channel");
    Channel c = s.channel();
    if (c instanceof Channel.Email email) {
      channel.put("type", "email");
      channel.put("address", email.address());
    } else if (c instanceof Channel.Webhook hook) {
      channel.put("type", "webhook");
      channel.put("url", hook.url().toString());
      channel.put("format", hook.format().key());
      channel.put("secret", hook.secret());
    }
    ObjectNode topics = node.putObject("topics");
    strings(topics.putArray("servers"), s.topics().servers());
    strings(topics.putArray("tags"), s.topics().tags());
    strings(topics.putArray("categories"), s.topics().categories());
    ArrayNode kinds = topics.putArray("kinds");
    s.topics().kinds().forEach(kind -> kinds.add(kind.key()));
    topics.put("components", s.topics().components());
    node.put("confirmed", s.confirmed());
    node.put("since", s.since());
    node.put("created_at", s.createdAt().toString());
    node.put("token", s.token());
    return node;
  }

  /** A subscriber from {@link #write}'s JSON. */
  public static Subscriber readSubscriber(JsonNode node) {
    JsonNode c = node.required("channel");
    Channel channel =
        switch (c.required("type").asText()) {
          case "email" -> new Channel.Email(c.required("address").asText());
          case "webhook" -> new Channel.Webhook(
              URI.create(c.required("url").asText()),
              WebhookFormat.fromKey(c.required("format").asText()),
              c.required("secret").asText());
          default -> throw new IllegalArgumentException("channel.type must be email or webhook: " + c.get("type"));
        };
    JsonNode t = node.required("topics");
    ImmutableSet.Builder<IncidentKind> kinds = ImmutableSet.builder();
    t.required("kinds").forEach(k -> kinds.add(IncidentKind.fromKey(k.asText())));
    Topics topics =
        new Topics(
            strings(t.required("servers")),
            strings(t.required("tags")),
            strings(t.required("categories")),
            kinds.build(),
            t.required("components").asBoolean());
    return new Subscriber(
        node.required("id").asText(),
        channel,
        topics,
        node.required("confirmed").asBoolean(),
        node.required("since").asLong(),
        Instant.parse(node.required("created_at").asText()),
        node.required("token").asText());
  }

  /** A dead letter as a JSON object. */
  public static ObjectNode write(DeadLetter letter) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("subscriber", letter.subscriberId());
    node.put("version", letter.version());
    node.put("attempts", letter.attempts());
    node.put("error", letter.lastError());
    node.put("at", letter.at().toString());
    return node;
  }

  /** A dead letter from {@link #write(DeadLetter)}'s JSON. */
  public static DeadLetter readDeadLetter(JsonNode node) {
    return new DeadLetter(
        node.required("subscriber").asText(),
        node.required("version").asLong(),
        node.required("attempts").asInt(),
        node.required("error").asText(),
        Instant.parse(node.required("at").asText()));
  }

  private static void strings(ArrayNode array, Iterable<String> values) {
    values.forEach(array::add);
  }

  private static ImmutableSet<String> strings(JsonNode array) {
    ImmutableSet.Builder<String> out = ImmutableSet.builder();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out.build();
  }
}

package io.statuskit.examples.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.notify.Channel;
import io.statuskit.notify.MailSettings;
import io.statuskit.notify.TargetPolicy;
import io.statuskit.notify.WebhookFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code notify} section of the configuration into {@link NotifySettings}. Problems
 * are added to a list, each with its path and the value. Thread-safe (stateless).
 */
final class NotifySection {
  private static final ImmutableList<String> FIELDS = ImmutableList.of("siteUrl", "store", "smtp", "webhooks", "rateLimit");
  private static final ImmutableList<String> SMTP =
      ImmutableList.of("host", "port", "security", "username", "password", "from", "timeout", "trustCa");
  private static final ImmutableList<String> WEBHOOKS =
      ImmutableList.of("formats", "allowPrivateTargets", "connectTimeout", "requestTimeout");
  private static final ImmutableList<String> RATE = ImmutableList.of("perClient", "perAddress");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern RATE_TEXT = Pattern.compile("(\\d{1,7})\\s*/\\s*(\\d{0,9})(ms|s|m|h|d)");
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  /** The default limit of subscribe requests per client address: 10 an hour. */
  static final NotifySettings.Rate PER_CLIENT = new NotifySettings.Rate(10, Duration.ofHours(1));
  /** The default limit of subscribe requests per e-mail address or webhook host: 3 an hour. */
  static final NotifySettings.Rate PER_ADDRESS = new NotifySettings.Rate(3, Duration.ofHours(1));

  private NotifySection() {}

  /**
   * The settings, or null when the section is missing or has problems (added to {@code problems}).
   *
   * @param directory the config file's directory, against which a relative {@code trustCa} is resolved
   */
  static @Nullable NotifySettings read(JsonNode section, @Nullable Path directory, Map<String, String> env, List<String> problems) {
    if (section.isMissingNode()) {
      return null;
    }
    if (!section.isObject()) {
      problems.add("notify: must be a mapping (known: " + String.join(", ", FIELDS) + "): " + section);
      return null;
    }
    int before = problems.size();
    unknown(section, "notify", FIELDS, problems);
    URI siteUrl = null;
    JsonNode url = section.path("siteUrl");
    if (!url.isMissingNode()) {
      try {
        String text = url.asText();
        URI uri = new URI(text.endsWith("/") ? text : text + "/");
        if (!url.isTextual() || !uri.isAbsolute() || uri.getHost() == null
            || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getRawQuery() != null) {
          throw new URISyntaxException(text, "not an absolute http(s) URL");
        }
        siteUrl = uri;
      } catch (URISyntaxException e) {
        problems.add("notify.siteUrl: must be an absolute http(s) URL without query: " + url);
      }
    }
    Path store = null;
    JsonNode storeNode = section.path("store");
    if (!storeNode.isMissingNode()) {
      store = path(storeNode, "notify.store", null, problems);
    }
    MailSettings mail = null;
    Path trustCa = null;
    JsonNode smtp = section.path("smtp");
    if (!smtp.isMissingNode()) {
      if (!smtp.isObject()) {
        problems.add("notify.smtp: must be a mapping (known: " + String.join(", ", SMTP) + "): " + smtp);
      } else {
        unknown(smtp, "notify.smtp", SMTP, problems);
        String host = text(smtp, "notify.smtp", "host", true, Map.of(), problems);
        String from = text(smtp, "notify.smtp", "from", true, Map.of(), problems);
        String username = text(smtp, "notify.smtp", "username", false, env, problems);
        String password = text(smtp, "notify.smtp", "password", false, env, problems);
        MailSettings.Security security = MailSettings.Security.STARTTLS;
        JsonNode securityNode = smtp.path("security");
        if (!securityNode.isMissingNode()) {
          try {
            security = MailSettings.Security.valueOf(securityNode.asText().toUpperCase(Locale.ROOT));
            if (!securityNode.isTextual()) {
              throw new IllegalArgumentException();
            }
          } catch (IllegalArgumentException e) {
            problems.add("notify.smtp.security: must be none, starttls or smtps: " + securityNode);
          }
        }
        int port = security == MailSettings.Security.SMTPS ? 465 : 587;
        JsonNode portNode = smtp.path("port");
        if (!portNode.isMissingNode()) {
          if (!portNode.isIntegralNumber() || portNode.asInt() < 1 || portNode.asInt() > 65535) {
            problems.add("notify.smtp.port: must be a port number 1 to 65535: " + portNode);
          } else {
            port = portNode.asInt();
          }
        }
        Duration timeout = duration(smtp, "notify.smtp", "timeout", Duration.ofSeconds(30), problems);
        if ((username == null) != (password == null)) {
          problems.add("notify.smtp: username and password come together (one is missing)");
        }
        JsonNode ca = smtp.path("trustCa");
        if (!ca.isMissingNode()) {
          trustCa = path(ca, "notify.smtp.trustCa", directory, problems);
          if (security == MailSettings.Security.NONE) {
            problems.add("notify.smtp.trustCa: has no use with security none");
          }
        }
        if (from != null) {
          try {
            new Channel.Email(from);
          } catch (IllegalArgumentException e) {
            problems.add("notify.smtp.from: must be an e-mail address such as status@example.net: \"" + from + "\"");
          }
        }
        if (host != null && from != null && problems.size() == before) {
          try {
            MailSettings settings =
                new MailSettings(host, port, security, null, null, from, timeout);
            if (username != null && password != null) {
              settings = settings.withLogin(username, password);
            }
            mail = settings;
          } catch (IllegalArgumentException e) {
            // MailSettings names the field (host, from) and the value.
            problems.add("notify.smtp." + e.getMessage());
          }
        }
      }
    }
    ImmutableSet<WebhookFormat> formats = ImmutableSet.of();
    TargetPolicy targets = TargetPolicy.publicOnly();
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration requestTimeout = Duration.ofSeconds(10);
    JsonNode hooks = section.path("webhooks");
    if (!hooks.isMissingNode()) {
      if (!hooks.isObject()) {
        problems.add("notify.webhooks: must be a mapping (known: " + String.join(", ", WEBHOOKS) + "): " + hooks);
      } else {
        unknown(hooks, "notify.webhooks", WEBHOOKS, problems);
        formats = ImmutableSet.copyOf(EnumSet.allOf(WebhookFormat.class));
        JsonNode formatNode = hooks.path("formats");
        if (!formatNode.isMissingNode()) {
          if (!formatNode.isArray()) {
            problems.add("notify.webhooks.formats: must be a list of statuspage, slack, teams: " + formatNode);
          } else {
            ImmutableSet.Builder<WebhookFormat> chosen = ImmutableSet.builder();
            for (int i = 0; i < formatNode.size(); i++) {
              JsonNode f = formatNode.get(i);
              try {
                if (!f.isTextual()) {
                  throw new IllegalArgumentException();
                }
                chosen.add(WebhookFormat.fromKey(f.asText()));
              } catch (IllegalArgumentException e) {
                problems.add("notify.webhooks.formats[" + i + "]: must be statuspage, slack or teams: " + f);
              }
            }
            formats = chosen.build();
          }
        }
        JsonNode allow = hooks.path("allowPrivateTargets");
        if (!allow.isMissingNode()) {
          if (!allow.isBoolean()) {
            problems.add("notify.webhooks.allowPrivateTargets: must be true or false: " + allow);
          } else if (allow.asBoolean()) {
            targets = new TargetPolicy(true, true, true);
          }
        }
        connectTimeout = duration(hooks, "notify.webhooks", "connectTimeout", connectTimeout, problems);
        requestTimeout = duration(hooks, "notify.webhooks", "requestTimeout", requestTimeout, problems);
      }
    }
    NotifySettings.Rate perClient = PER_CLIENT;
    NotifySettings.Rate perAddress = PER_ADDRESS;
    JsonNode rate = section.path("rateLimit");
    if (!rate.isMissingNode()) {
      if (!rate.isObject()) {
        problems.add("notify.rateLimit: must be a mapping (known: " + String.join(", ", RATE) + "): " + rate);
      } else {
        unknown(rate, "notify.rateLimit", RATE, problems);
        perClient = rate(rate, "perClient", perClient, problems);
        perAddress = rate(rate, "perAddress", perAddress, problems);
      }
    }
    if (smtp.isMissingNode() && hooks.isMissingNode()) {
      problems.add("notify: needs smtp (for e-mail subscribers), webhooks, or both");
    }
    if (problems.size() > before) {
      return null;
    }
    return new NotifySettings(
        mail, trustCa, siteUrl, store, formats, targets, connectTimeout, requestTimeout, perClient, perAddress);
  }

  private static void unknown(JsonNode section, String path, List<String> known, List<String> problems) {
    for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!known.contains(field)) {
        problems.add(path + "." + field + ": unknown field (known: " + String.join(", ", known) + ")");
      }
    }
  }

  private static @Nullable String text(
      JsonNode section, String path, String field, boolean required, Map<String, String> env, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      if (required) {
        problems.add(path + "." + field + ": is required");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(path + "." + field + ": must be text: " + (field.equals("password") ? "(hidden)" : node.toString()));
      return null;
    }
    String text = node.asText();
    Matcher m = ENV_REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        problems.add(path + "." + field + ": the environment variable " + m.group(1) + " is not set");
        return null;
      }
      m.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    m.appendTail(resolved);
    return resolved.toString();
  }

  private static @Nullable Path path(JsonNode node, String path, @Nullable Path directory, List<String> problems) {
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(path + ": must be a file path: " + node);
      return null;
    }
    try {
      Path p = Path.of(node.asText());
      return directory == null || p.isAbsolute() ? p : directory.resolve(p);
    } catch (InvalidPathException e) {
      problems.add(path + ": not a valid path: " + node);
      return null;
    }
  }

  private static Duration duration(JsonNode section, String path, String field, Duration fallback, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    Duration parsed = node.isTextual() ? parse(node.asText()) : null;
    if (parsed == null || parsed.isZero()) {
      problems.add(path + "." + field + ": must be a positive duration such as 500ms, 10s or 2m: " + node);
      return fallback;
    }
    return parsed;
  }

  private static NotifySettings.Rate rate(JsonNode section, String field, NotifySettings.Rate fallback, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    Matcher m = node.isTextual() ? RATE_TEXT.matcher(node.asText().strip().toLowerCase(Locale.ROOT)) : null;
    if (m == null || !m.matches()) {
      problems.add("notify.rateLimit." + field + ": must be a count per duration such as 10/1h or 3/30m: " + node);
      return fallback;
    }
    Duration per = parse((m.group(2).isEmpty() ? "1" : m.group(2)) + m.group(3));
    try {
      return new NotifySettings.Rate(Integer.parseInt(m.group(1)), per == null ? Duration.ZERO : per);
    } catch (IllegalArgumentException e) {
      problems.add("notify.rateLimit." + field + ": " + e.getMessage() + ": " + node);
      return fallback;
    }
  }

  private static @Nullable Duration parse(String text) {
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}

package io.statuskit.notify;

/** The body a webhook subscriber receives. */
public enum WebhookFormat {
  /**
   * Statuspage's webhook JSON: {@code meta}, {@code page} and either {@code incident} (with its
   * {@code incident_updates}) or {@code component_update} and {@code component}.
   */
  STATUSPAGE("statuspage"),
  /** A Slack incoming-webhook message: {@code text} plus {@code blocks}. */
  SLACK("slack"),
  /** A Microsoft Teams incoming-webhook (Workflows) message carrying an Adaptive Card. */
  TEAMS("teams");

  private final String key;

  WebhookFormat(String key) {
    this.key = key;
  }

  /** The lower-case name used in configuration and JSON, such as {@code "statuspage"}. */
  public String key() {
    return key;
  }

  /**
   * The format with this key.
   *
   * @throws IllegalArgumentException naming the key when there is none
   */
  public static WebhookFormat fromKey(String key) {
    for (WebhookFormat format : values()) {
      if (format.key.equals(key)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "webhook format must be statuspage, slack or teams: " + key);
  }
}

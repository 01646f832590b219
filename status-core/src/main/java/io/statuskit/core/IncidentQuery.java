package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Slugs;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents to list: by server, tag, category, kind, month (archives), time range and
 * text, newest first, a page at a time. Criteria combine with "and"; an empty query matches
 * everything. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param serverId only incidents affecting this server, or null
 * @param tagSlug only incidents with this tag slug, or null
 * @param categorySlug only incidents in this category slug, or null
 * @param kind only this kind, or null
 * @param month only incidents opened in this month (in {@code zone}), or null
 * @param zone the zone months are reckoned in
 * @param from only incidents updated at or after this instant, or null
 * @param to only incidents opened before this instant, or null
 * @param text only incidents whose title, an update's title or an update's body contains this
 *     text, ignoring case, or null
 * @param openOnly only incidents whose lifecycle is still going
 * @param offset how many matches to skip
 * @param limit how many matches to return at most (1 to 10,000)
 */
public record IncidentQuery(
    @Nullable String serverId,
    @Nullable String tagSlug,
    @Nullable String categorySlug,
    @Nullable IncidentKind kind,
    @Nullable YearMonth month,
    ZoneId zone,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String text,
    boolean openOnly,
    int offset,
    int limit) {

  /** The most a page may hold. */
  public static final int MAX_LIMIT = 10_000;

  /** Checks the parts. */
  public IncidentQuery {
    requireNonNull(zone, "zone");
    checkArgument(offset >= 0, "offset must not be negative: %s", offset);
    checkArgument(limit > 0 && limit <= MAX_LIMIT, "limit must be 1 to %s: %s", MAX_LIMIT, limit);
    if (text != null) {
      Checks.line("text", text);
    }
  }

  /** A query matching everything, 20 to a page. */
  public static IncidentQuery all() {
    return builder().build();
  }

  /** A builder; by default everything matches, 20 to a page, months in UTC. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether an incident meets every criterion (paging aside). */
  public boolean matches(Incident incident) {
    if (serverId != null && !incident.affects(serverId)) {
      return false;
    }
    if (tagSlug != null && incident.tags().stream().noneMatch(tag -> tag.slug().equals(tagSlug))) {
      return false;
    }
    if (categorySlug != null
        && incident.categories().stream().noneMatch(c -> c.slug().equals(categorySlug))) {
      return false;
    }
    if (kind != null && incident.kind() != kind) {
      return false;
    }
    if (month != null && !YearMonth.from(incident.createdInstant().atZone(zone)).equals(month)) {
      return false;
    }
    if (from != null && incident.updatedAt().toInstant().isBefore(from)) {
      return false;
    }
    if (to != null && !incident.createdInstant().isBefore(to)) {
      return false;
    }
    if (openOnly && !incident.isOpen()) {
      return false;
    }
    return text == null || containsText(incident, text);
  }

  private static boolean containsText(Incident incident, String text) {
    if (containsIgnoreCase(incident.title(), text)) {
      return true;
    }
    for (IncidentUpdate update : incident.updates()) {
      String title = update.title();
      if (containsIgnoreCase(update.body().text(), text)
          || (title != null && containsIgnoreCase(title, text))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsIgnoreCase(String haystack, String needle) {
    int last = haystack.length() - needle.length();
    for (int i = 0; i <= last; i++) {
      if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  /** Builds {@link IncidentQuery}s; not thread-safe. */
  public static final class Builder {
    private @Nullable String serverId;
    private @Nullable String tagSlug;
    private @Nullable String categorySlug;
    private @Nullable IncidentKind kind;
    private @Nullable YearMonth month;
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable Instant from;
    private @Nullable Instant to;
    private @Nullable String text;
    private boolean openOnly;
    private int offset;
    private int limit = 20;

    private Builder() {}

    /** Only incidents affecting this server. */
    public Builder server(@Nullable String serverId) {
      this.serverId = serverId;
      return this;
    }

    /** Only incidents with this tag. */
    public Builder tag(@Nullable Tag tag) {
      this.tagSlug = tag == null ? null : tag.slug();
      return this;
    }

    /** Only incidents with a tag of this slug (a label is turned into its slug). */
    public Builder tag(@Nullable String slugOrLabel) {
      this.tagSlug = slugOrLabel == null ? null : Slugs.labelSlugOf(slugOrLabel);
      return this;
    }

    /** Only incidents in this category. */
    public Builder category(@Nullable Category category) {
      this.categorySlug = category == null ? null : category.slug();
      return this;
    }

    /** Only incidents in a category of this slug (a label is turned into its slug). */
    public Builder category(@Nullable String slugOrLabel) {
      this.categorySlug = slugOrLabel == null ? null : Slugs.labelSlugOf(slugOrLabel);
      return this;
    }

    /** Only this kind. */
    public Builder kind(@Nullable IncidentKind kind) {
      this.kind = kind;
      return this;
    }

    /** Only incidents opened in this month. */
    public Builder month(@Nullable YearMonth month) {
      this.month = month;
      return this;
    }

    /** The zone months are reckoned in (UTC by default). */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Only incidents updated at or after {@code from} and opened before {@code to}. */
    public Builder between(@Nullable Instant from, @Nullable Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    /** Only incidents whose title or a body contains this text, ignoring case. */
    public Builder text(@Nullable String text) {
      this.text = text;
      return this;
    }

    /** Only incidents whose lifecycle is still going. */
    public Builder openOnly(boolean openOnly) {
      this.openOnly = openOnly;
      return this;
    }

    /** How many matches to skip. */
    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    /** The page size, 1 to 10,000 (20 by default). */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalArgumentException naming the field and value that is not valid
     */
    public IncidentQuery build() {
      return new IncidentQuery(
          serverId, tagSlug, categorySlug, kind, month, zone, from, to, text, openOnly, offset, limit);
    }
  }
}

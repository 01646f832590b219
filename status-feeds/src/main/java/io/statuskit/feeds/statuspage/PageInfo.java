package io.statuskit.feeds.statuspage;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Statuspage page a board is published as (or was imported from): the page's id, name, URL and
 * time zone, the ids of component groups (StatusKit servers name their group; Statuspage groups
 * have ids), and the component fields StatusKit servers do not carry. Immutable and thread-safe.
 *
 * @param id the page id, such as {@code kctbh9vrtdwd}
 * @param name the page's name, such as {@code GitHub}
 * @param url the page's URL
 * @param timeZone the page's time zone name, such as {@code Etc/UTC}
 * @param groupIds component group ids by group name; groups not listed get {@code
 *     group-<slug>}
 * @param components extra fields by component (server) id; components not listed get {@link
 *     ComponentInfo#DEFAULTS}
 */
public record PageInfo(
    String id,
    String name,
    URI url,
    String timeZone,
    ImmutableMap<String, String> groupIds,
    ImmutableMap<String, ComponentInfo> components) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Validates the parts. */
  public PageInfo {
    requireNonNull(id, "page.id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("page.id must be 1 to 64 letters, digits, '.', '_' or '-': \"" + id + "\"");
    }
    requireNonNull(name, "page.name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("page.name must not be blank: \"" + name + "\"");
    }
    requireNonNull(url, "page.url");
    if (!url.isAbsolute()) {
      throw new IllegalArgumentException("page.url must be absolute: " + url);
    }
    requireNonNull(timeZone, "page.timeZone");
    try {
      ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("page.timeZone is not a zone id: \"" + timeZone + "\"", e);
    }
    requireNonNull(groupIds, "page.groupIds");
    requireNonNull(components, "page.components");
  }

  /** A page with no group ids and default component fields. */
  public static PageInfo of(String id, String name, String url, String timeZone) {
    return new PageInfo(id, name, URI.create(url), timeZone, ImmutableMap.of(), ImmutableMap.of());
  }

  /** This page with the given group ids. */
  public PageInfo withGroupIds(Map<String, String> ids) {
    return new PageInfo(id, name, url, timeZone, ImmutableMap.copyOf(ids), components);
  }

  /** The extra fields of a component. */
  public ComponentInfo component(String componentId) {
    return components.getOrDefault(componentId, ComponentInfo.DEFAULTS);
  }
}

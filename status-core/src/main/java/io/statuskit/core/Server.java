package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.statuskit.core.internal.Checks;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A monitored machine or service, as a row of the seed's "Systems at a Glance" table: id
 * ({@code NC027}), name, location, role ({@code "Mail server"}), visibility, optional group,
 * description and host name, tags, and a retirement once it is taken out of service. Statuspage
 * calls this a component.
 *
 * <p>A server's status is not part of it: the {@link StatusBoard} keeps status and history.
 * Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * @param id 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
 * @param name display name; defaults to the id
 * @param location where it stands, or null
 * @param role what it does, free text such as {@code "Relay server"}, or null
 * @param visibility public or internal
 * @param group a group name (Statuspage component group), or null
 * @param description a longer description, or null
 * @param host the host name probes and people reach it by, or null
 * @param tags its tags
 * @param retirement when it was retired, or null while in service
 */
public record Server(
    String id,
    String name,
    @Nullable Location location,
    @Nullable String role,
    Visibility visibility,
    @Nullable String group,
    @Nullable String description,
    @Nullable String host,
    ImmutableSet<Tag> tags,
    @Nullable Retirement retirement) {

  /** Validates every part. */
  public Server {
    Checks.id("server.id", id);
    Checks.line("server.name", name);
    Checks.optionalLine("server.role", role);
    requireNonNull(visibility, "server.visibility");
    Checks.optionalLine("server.group", group);
    if (description != null) {
      Checks.text("server.description", description, 5_000);
    }
    Checks.optionalLine("server.host", host);
    requireNonNull(tags, "server.tags");
    if (retirement != null && id.equals(retirement.replacedBy())) {
      throw new IllegalArgumentException(
          "server.retirement.replacedBy must name another server: " + Checks.show(id));
    }
  }

  /** A builder for a server with the given id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder that starts from this server's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(id);
    builder.name = name;
    builder.location = location;
    builder.role = role;
    builder.visibility = visibility;
    builder.group = group;
    builder.description = description;
    builder.host = host;
    builder.tags.addAll(tags);
    builder.retirement = retirement;
    return builder;
  }

  /** Whether the server has been retired. */
  public boolean isRetired() {
    return retirement != null;
  }

  /** Whether the server is public. */
  public boolean isPublic() {
    return visibility == Visibility.PUBLIC;
  }

  /** Builds {@link Server}s; not thread-safe. */
  public static final class Builder {
    private final String id;
    private @Nullable String name;
    private @Nullable Location location;
    private @Nullable String role;
    private Visibility visibility = Visibility.PUBLIC;
    private @Nullable String group;
    private @Nullable String description;
    private @Nullable String host;
    private final Set<Tag> tags = new LinkedHashSet<>();
    private @Nullable Retirement retirement;

    private Builder(String id) {
      this.id = id;
    }

    /** The display name; defaults to the id. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Where the server stands. */
    public Builder location(@Nullable Location location) {
      this.location = location;
      return this;
    }

    /** Shorthand for {@code location(Location.of(city, countryCode))}. */
    public Builder location(String city, String countryCode) {
      return location(Location.of(city, countryCode));
    }

    /** What the server does, such as "Mail server". */
    public Builder role(@Nullable String role) {
      this.role = role;
      return this;
    }

    /** Public (the default) or internal. */
    public Builder visibility(Visibility visibility) {
      this.visibility = visibility;
      return this;
    }

    /** Shorthand for {@code visibility(Visibility.INTERNAL)}. */
    public Builder internal() {
      return visibility(Visibility.INTERNAL);
    }

    /** The group the server belongs to. */
    public Builder group(@Nullable String group) {
      this.group = group;
      return this;
    }

    /** A longer description. */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** The host name probes and people reach the server by. */
    public Builder host(@Nullable String host) {
      this.host = host;
      return this;
    }

    /** Adds tags. */
    public Builder tags(Tag... tags) {
      this.tags.addAll(Arrays.asList(tags));
      return this;
    }

    /** Adds tags made from labels. */
    public Builder tags(String... labels) {
      for (String label : labels) {
        tags.add(Tag.of(label));
      }
      return this;
    }

    /** Marks the server retired. */
    public Builder retirement(@Nullable Retirement retirement) {
      this.retirement = retirement;
      return this;
    }

    /**
     * Builds the server.
     *
     * @throws IllegalArgumentException naming the field and value that is not valid
     */
    public Server build() {
      return new Server(
          id,
          name == null ? id : name,
          location,
          role,
          visibility,
          group,
          description,
          host,
          ImmutableSet.copyOf(tags),
          retirement);
    }
  }
}

package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Category;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.Tag;
import java.util.Collection;
import java.util.EnumSet;

/**
 * What a subscriber hears about. Scope: everything when {@code servers}, {@code tags} and {@code
 * categories} are all empty; otherwise what concerns one of the servers, carries one of the tags
 * (on the incident or on an affected server) or one of the categories. Kinds: incidents,
 * maintenance and notices as listed in {@code kinds}, and server status changes when {@code
 * components} is true. Immutable and thread-safe.
 *
 * @param servers server ids
 * @param tags tag slugs (as {@link Tag#of} makes them)
 * @param categories category slugs
 * @param kinds which kinds of post are heard; at least one, or {@code components}
 * @param components whether a public server's change of status is heard on its own
 */
public record Topics(
    ImmutableSet<String> servers,
    ImmutableSet<String> tags,
    ImmutableSet<String> categories,
    ImmutableSet<IncidentKind> kinds,
    boolean components) {
  /** Checks the parts. */
  public Topics {
    requireNonNull(servers, "servers");
    requireNonNull(tags, "tags");
    requireNonNull(categories, "categories");
    requireNonNull(kinds, "kinds");
    checkArgument(!kinds.isEmpty() || components, "topics must name at least one kind or components");
  }

  /** Every post of every kind and every public server's status changes. */
  public static Topics everything() {
    return new Topics(
        ImmutableSet.of(),
        ImmutableSet.of(),
        ImmutableSet.of(),
        ImmutableSet.copyOf(EnumSet.allOf(IncidentKind.class)),
        true);
  }

  /** Whether no scope narrows these topics. */
  public boolean isEverything() {
    return servers.isEmpty() && tags.isEmpty() && categories.isEmpty();
  }

  /** These topics limited to the given servers (ids, checked by the tracker's rules when used). */
  public Topics withServers(Collection<String> serverIds) {
    return new Topics(ImmutableSet.copyOf(serverIds), tags, categories, kinds, components);
  }

  /** These topics limited to the given tags, by label or slug. */
  public Topics withTags(Collection<String> labels) {
    ImmutableSet.Builder<String> slugs = ImmutableSet.builder();
    labels.forEach(label -> slugs.add(Tag.of(label).slug()));
    return new Topics(servers, slugs.build(), categories, kinds, components);
  }

  /** These topics limited to the given categories, by label or slug. */
  public Topics withCategories(Collection<String> labels) {
    ImmutableSet.Builder<String> slugs = ImmutableSet.builder();
    labels.forEach(label -> slugs.add(Category.of(label).slug()));
    return new Topics(servers, tags, slugs.build(), kinds, components);
  }

  /** These topics with only the given kinds of post, and components as given. */
  public Topics withKinds(Collection<IncidentKind> newKinds, boolean withComponents) {
    return new Topics(servers, tags, categories, ImmutableSet.copyOf(newKinds), withComponents);
  }
}

package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.io.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The page's templates and static assets (CSS), looked up by name first in a host's override
 * directory and then among the built-in resources under {@code /io/statuskit/page/site/}. A
 * host restyles the page by putting, say, {@code style.css} or {@code index.html} in that
 * directory; no Java changes. Files are read once and kept. Thread-safe.
 */
public final class TemplateSet {
  private static final String RESOURCE_ROOT = "/io/statuskit/page/site/";

  private final @Nullable Path overrides;
  private final ConcurrentMap<String, Optional<Template>> templates = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Optional<byte[]>> assets = new ConcurrentHashMap<>();

  private TemplateSet(@Nullable Path overrides) {
    this.overrides = overrides;
  }

  /** The built-in templates only. */
  public static TemplateSet builtIn() {
    return new TemplateSet(null);
  }

  /**
   * Templates and assets from {@code directory} where it has them, the built-in ones elsewhere.
   *
   * @throws IllegalArgumentException if {@code directory} is not a directory
   */
  public static TemplateSet withOverrides(Path directory) {
    requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("templates: not a directory: " + directory);
    }
    return new TemplateSet(directory);
  }

  /**
   * Renders the named template ({@code "index"} for {@code index.html}) with a context.
   *
   * @throws IllegalArgumentException if there is no such template or it does not compile
   */
  public String render(String name, Object context) {
    Template template =
        template(name).orElseThrow(() -> new IllegalArgumentException("template: no template named " + name));
    return template.render(context, this::template);
  }

  /** The named template ({@code name + ".html"}), if there is one. */
  public Optional<Template> template(String name) {
    return templates.computeIfAbsent(
        name,
        key ->
            read(key + ".html")
                .map(bytes -> Template.compile(key, new String(bytes, StandardCharsets.UTF_8))));
  }

  /** A static asset such as {@code style.css}, if there is one. */
  public Optional<byte[]> asset(String fileName) {
    return assets.computeIfAbsent(fileName, this::read);
  }

  private Optional<byte[]> read(String fileName) {
    if (!fileName.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+")) {
      return Optional.empty();
    }
    try {
      if (overrides != null) {
        Path file = overrides.resolve(fileName);
        if (Files.isRegularFile(file)) {
          return Optional.of(Files.readAllBytes(file));
        }
      }
      URL resource = TemplateSet.class.getResource(RESOURCE_ROOT + fileName);
      return resource == null ? Optional.empty() : Optional.of(Resources.toByteArray(resource));
    } catch (IOException e) {
      throw new UncheckedIOException("templates: cannot read " + fileName, e);
    }
  }
}

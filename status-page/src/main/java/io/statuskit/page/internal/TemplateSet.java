package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.google.common.html.HtmlEscapers;
import com.google.common.io.Resources;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The page's templates (Mustache, through mustache.java) and static assets (CSS), looked up by
 * name first in a host's override directory and then among the built-in resources under {@code
 * /io/statuskit/page/site/}. A host restyles the page by putting, say, {@code style.css} or
 * {@code index.html} in that directory; no Java changes. Templates are compiled once and kept;
 * assets are read once.
 *
 * <p>Every value a template inserts is HTML-escaped (Guava's {@code HtmlEscapers}). Mustache's
 * unescaped forms ({@code {{{x}}}}, {@code {{& x}}}) are refused when a template is compiled,
 * except for a name ending in {@code html}, which the page's view models only ever fill with a
 * {@link SafeHtml} (a body the host posted as HTML and vouches for). Thread-safe.
 */
public final class TemplateSet {
  private static final String RESOURCE_ROOT = "/io/statuskit/page/site/";

  private final @Nullable Path overrides;
  private final Factory factory;
  private final ConcurrentMap<String, Optional<byte[]>> assets = new ConcurrentHashMap<>();

  private TemplateSet(@Nullable Path overrides) {
    this.overrides = overrides;
    this.factory = new Factory(this);
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
   * Renders the named template ({@code "index"} for {@code index.html}) with a view model.
   *
   * @throws IllegalArgumentException if there is no such template or it does not compile
   */
  public String render(String name, Object context) {
    return render(name, new Object[] {context});
  }

  /**
   * Renders the named template with a frame and a page view model: a name is looked up in the
   * page first, then in the frame.
   *
   * @throws IllegalArgumentException if there is no such template or it does not compile
   */
  public String render(String name, Object frame, Object page) {
    return render(name, new Object[] {frame, page});
  }

  private String render(String name, Object[] scopes) {
    Mustache template = compile(name + ".html");
    StringWriter out = new StringWriter(16 * 1024);
    template.execute(out, scopes);
    return out.toString();
  }

  /** Compiles a template's source; for tests of the template rules. */
  static Mustache compileSource(String name, String source) {
    try {
      return new Factory(builtIn()).compile(new StringReader(source), name);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("template " + name + ": " + e.getMessage(), e);
    }
  }

  private Mustache compile(String fileName) {
    try {
      return factory.compile(fileName);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("template " + fileName + ": " + e.getMessage(), e);
    }
  }

  /** A static asset such as {@code style.css}, if there is one. */
  public Optional<byte[]> asset(String fileName) {
    return assets.computeIfAbsent(fileName, this::read);
  }

  /** A built-in file of the set, ignoring overrides. */
  Optional<byte[]> builtInFile(String fileName) {
    try {
      URL resource = TemplateSet.class.getResource(RESOURCE_ROOT + fileName);
      return resource == null ? Optional.empty() : Optional.of(Resources.toByteArray(resource));
    } catch (IOException e) {
      throw new UncheckedIOException("templates: cannot read " + fileName, e);
    }
  }

  /** A file of the host's override directory, if there is one. */
  Optional<byte[]> overrideFile(String fileName) {
    try {
      if (overrides != null && fileName.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+")) {
        Path file = overrides.resolve(fileName);
        if (Files.isRegularFile(file)) {
          return Optional.of(Files.readAllBytes(file));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("templates: cannot read " + fileName, e);
    }
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

  /** mustache.java, reading templates from the set, escaping with Guava, refusing raw output. */
  private static final class Factory extends DefaultMustacheFactory {
    private final TemplateSet set;

    Factory(TemplateSet set) {
      this.set = set;
    }

    @Override
    public Reader getReader(String resourceName) {
      String fileName = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
      byte[] bytes =
          set.read(fileName).orElseThrow(() -> new MustacheException("no template named " + fileName));
      return new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(HtmlEscapers.htmlEscaper().escape(value));
      } catch (IOException e) {
        throw new MustacheException("cannot write", e);
      }
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
      return new DefaultMustacheVisitor(this) {
        @Override
        public void value(TemplateContext tc, String variable, boolean encoded) {
          if (!encoded && !variable.strip().endsWith("html")) {
            throw new MustacheException(
                "line " + tc.line() + ": unescaped output is not supported ({{{" + variable.strip()
                    + "}}}); every value is escaped, only SafeHtml values named ...html are inserted as they are");
          }
          super.value(tc, variable, encoded);
        }
      };
    }
  }
}

package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A compiled template in a small subset of Mustache that always escapes.
 *
 * <ul>
 *   <li>{@code {{name}}}, {@code {{a.b}}}, {@code {{.}}}: the value, HTML-escaped by Guava's
 *       {@link HtmlEscapers} (a {@link SafeHtml} value is inserted as it is; there is no syntax
 *       for unescaped output);
 *   <li>{@code {{#name}}…{{/name}}}: repeated for each element of a list, once for a true boolean
 *       or any other present value (which becomes the innermost context), skipped for null, false,
 *       an empty list or an empty string;
 *   <li>{@code {{^name}}…{{/name}}}: shown only when the section above would be skipped;
 *   <li>{@code {{> name}}}: another template of the same {@link TemplateSet};
 *   <li>{@code {{! comment}}}.
 * </ul>
 *
 * <p>Names are looked up in maps from the innermost context outwards; a name not found renders
 * as nothing. Immutable and thread-safe.
 */
public final class Template {
  private static final Escaper ESCAPER = HtmlEscapers.htmlEscaper();

  private final String name;
  private final ImmutableList<Node> nodes;

  private Template(String name, ImmutableList<Node> nodes) {
    this.name = name;
    this.nodes = nodes;
  }

  /**
   * Compiles a template.
   *
   * @param name the template's name, for error messages
   * @param source the template text
   * @throws IllegalArgumentException naming the template and line of a syntax error
   */
  public static Template compile(String name, String source) {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    return new Template(name, new Parser(name, source).parse());
  }

  /** The template's name. */
  public String name() {
    return name;
  }

  /**
   * Renders the template with the given context.
   *
   * @param context the outermost context, normally a map
   * @param partials finds the templates that {@code {{> name}}} includes
   * @throws IllegalArgumentException if an included template does not exist
   */
  public String render(Object context, Function<String, Optional<Template>> partials) {
    StringBuilder out = new StringBuilder(4096);
    Deque<Object> stack = new ArrayDeque<>();
    stack.push(context);
    render(nodes, stack, partials, out, 0);
    return out.toString();
  }

  private static void render(
      List<Node> nodes,
      Deque<Object> stack,
      Function<String, Optional<Template>> partials,
      StringBuilder out,
      int depth) {
    for (Node node : nodes) {
      if (node instanceof Text) {
        out.append(((Text) node).text);
      } else if (node instanceof Variable) {
        Object value = lookup(stack, ((Variable) node).name);
        if (value instanceof SafeHtml) {
          out.append(((SafeHtml) value).html());
        } else if (value != null) {
          out.append(ESCAPER.escape(value.toString()));
        }
      } else if (node instanceof Section) {
        Section section = (Section) node;
        Object value = lookup(stack, section.name);
        boolean shown = isTruthy(value);
        if (section.inverted) {
          if (!shown) {
            render(section.children, stack, partials, out, depth);
          }
        } else if (shown && value instanceof Iterable) {
          for (Object item : (Iterable<?>) value) {
            stack.push(item);
            render(section.children, stack, partials, out, depth);
            stack.pop();
          }
        } else if (shown && value instanceof Boolean) {
          render(section.children, stack, partials, out, depth);
        } else if (shown) {
          stack.push(requireNonNull(value));
          render(section.children, stack, partials, out, depth);
          stack.pop();
        }
      } else if (node instanceof Partial) {
        String partialName = ((Partial) node).name;
        if (depth > 20) {
          throw new IllegalArgumentException("template partial " + partialName + " nests too deep");
        }
        Template partial =
            partials
                .apply(partialName)
                .orElseThrow(() -> new IllegalArgumentException("template: no partial named " + partialName));
        render(partial.nodes, stack, partials, out, depth + 1);
      }
    }
  }

  private static boolean isTruthy(@Nullable Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof Iterable) {
      return ((Iterable<?>) value).iterator().hasNext();
    }
    if (value instanceof CharSequence) {
      return ((CharSequence) value).length() > 0;
    }
    return true;
  }

  private static @Nullable Object lookup(Deque<Object> stack, String name) {
    if (name.equals(".")) {
      return stack.peek();
    }
    String[] parts = name.split("\\.", -1);
    for (Iterator<Object> it = stack.iterator(); it.hasNext(); ) {
      Object context = it.next();
      if (context instanceof Map && ((Map<?, ?>) context).containsKey(parts[0])) {
        Object value = ((Map<?, ?>) context).get(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
          value = value instanceof Map ? ((Map<?, ?>) value).get(parts[i]) : null;
        }
        return value;
      }
    }
    return null;
  }

  private interface Node {}

  private static final class Text implements Node {
    final String text;

    Text(String text) {
      this.text = text;
    }
  }

  private static final class Variable implements Node {
    final String name;

    Variable(String name) {
      this.name = name;
    }
  }

  private static final class Partial implements Node {
    final String name;

    Partial(String name) {
      this.name = name;
    }
  }

  private static final class Section implements Node {
    final String name;
    final boolean inverted;
    final ImmutableList<Node> children;

    Section(String name, boolean inverted, ImmutableList<Node> children) {
      this.name = name;
      this.inverted = inverted;
      this.children = children;
    }
  }

  private static final class Parser {
    private final String templateName;
    private final String source;
    private int position;

    Parser(String templateName, String source) {
      this.templateName = templateName;
      this.source = source;
    }

    ImmutableList<Node> parse() {
      return parseUntil(null);
    }

    private ImmutableList<Node> parseUntil(@Nullable String closing) {
      List<Node> nodes = new ArrayList<>();
      while (position < source.length()) {
        int open = source.indexOf("{{", position);
        if (open < 0) {
          nodes.add(new Text(source.substring(position)));
          position = source.length();
          break;
        }
        if (open > position) {
          nodes.add(new Text(source.substring(position, open)));
        }
        int close = source.indexOf("}}", open + 2);
        if (close < 0) {
          throw error(open, "unclosed tag");
        }
        String tag = source.substring(open + 2, close).strip();
        int tagStart = open;
        position = close + 2;
        if (tag.isEmpty()) {
          throw error(tagStart, "empty tag");
        }
        char sigil = tag.charAt(0);
        String name = tag.substring(1).strip();
        switch (sigil) {
          case '!':
            break;
          case '#':
          case '^':
            checkName(tagStart, name);
            nodes.add(new Section(name, sigil == '^', parseUntil(name)));
            break;
          case '/':
            if (!name.equals(closing)) {
              throw error(tagStart, "{{/" + name + "}} closes nothing open" + (closing == null ? "" : "; open is " + closing));
            }
            return ImmutableList.copyOf(nodes);
          case '>':
            checkName(tagStart, name);
            nodes.add(new Partial(name));
            break;
          case '{':
          case '&':
            throw error(tagStart, "unescaped output is not supported; pass a SafeHtml value instead");
          default:
            checkName(tagStart, tag);
            nodes.add(new Variable(tag));
        }
      }
      if (closing != null) {
        throw error(source.length(), "section " + closing + " is not closed");
      }
      return ImmutableList.copyOf(nodes);
    }

    private void checkName(int at, String name) {
      if (!name.equals(".") && !name.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
        throw error(at, "bad name \"" + name + "\"");
      }
    }

    private IllegalArgumentException error(int at, String message) {
      int line = 1;
      for (int i = 0; i < at && i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          line++;
        }
      }
      return new IllegalArgumentException("template " + templateName + " line " + line + ": " + message);
    }
  }
}

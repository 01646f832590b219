package io.statuskit.feeds.internal;

import io.statuskit.core.Body;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;

/**
 * Renders bodies and whole incidents as HTML to an {@link Out}, which decides how the HTML is
 * carried (escaped inside XML, or as a JSON string). Plain text becomes paragraphs at blank lines
 * and {@code <br>} at single line breaks; HTML bodies pass as written. Stateless and thread-safe.
 */
public final class Html {
  private Html() {}

  /** Where rendered HTML goes. */
  public interface Out {
    /** Markup written by StatusKit: ASCII, well-formed, nothing to escape as HTML. */
    void markup(String ascii);

    /** Plain text, to be escaped as HTML. */
    void text(String s, int from, int to);

    /** An HTML fragment from the host, carried as written. */
    void html(String fragment);

    /** A date in RFC 822 form. */
    void date(StringBuilder ascii);
  }

  /** Renders a body: plain text as paragraphs, HTML as is. */
  public static void body(Body body, Out out) {
    if (body.isHtml()) {
      out.html(body.text());
      return;
    }
    String s = body.text();
    int n = s.length();
    int start = 0;
    out.markup("<p>");
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) != '\n') {
        continue;
      }
      out.text(s, start, i);
      if (i + 1 < n && s.charAt(i + 1) == '\n') {
        out.markup("</p><p>");
        i++;
      } else {
        out.markup("<br>");
      }
      start = i + 1;
    }
    out.text(s, start, n);
    out.markup("</p>");
  }

  /** The label of an update: its state, or "Update" for an addendum. */
  public static String label(IncidentUpdate update) {
    return update.addendum() ? "Update" : update.state().label();
  }

  /**
   * Renders an incident: each update newest first, a heading line with its state and time, then
   * its body.
   */
  public static void incident(Incident incident, Out out, StringBuilder scratch) {
    var updates = incident.updates();
    for (int i = updates.size() - 1; i >= 0; i--) {
      IncidentUpdate update = updates.get(i);
      out.markup("<p><strong>");
      out.markup(label(update));
      out.markup("</strong> &#8212; ");
      scratch.setLength(0);
      out.date(Dates.rfc822(update.time(), scratch));
      out.markup("</p>");
      body(update.body(), out);
    }
  }

  /** An {@link Out} into an XML sink: markup and HTML escaped once, plain text twice. */
  public static final class XmlOut implements Out {
    private final Sink sink;

    /** Writes into {@code sink}. */
    public XmlOut(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void markup(String ascii) {
      sink.text(ascii);
    }

    @Override
    public void text(String s, int from, int to) {
      sink.htmlText(s, from, to);
    }

    @Override
    public void html(String fragment) {
      sink.htmlRaw(fragment);
    }

    @Override
    public void date(StringBuilder ascii) {
      sink.raw(ascii);
    }
  }

  /** An {@link Out} into a string builder (for JSON): plain text escaped as HTML. */
  public static final class StringOut implements Out {
    private final StringBuilder out;

    /** Appends to {@code out}. */
    public StringOut(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void markup(String ascii) {
      out.append(ascii);
    }

    @Override
    public void text(String s, int from, int to) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&':
            out.append("&amp;");
            break;
          case '<':
            out.append("&lt;");
            break;
          case '>':
            out.append("&gt;");
            break;
          case '"':
            out.append("&quot;");
            break;
          default:
            out.append(c);
        }
      }
    }

    @Override
    public void html(String fragment) {
      out.append(fragment);
    }

    @Override
    public void date(StringBuilder ascii) {
      out.append(ascii);
    }
  }
}

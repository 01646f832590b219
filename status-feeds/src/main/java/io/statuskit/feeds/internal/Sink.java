package io.statuskit.feeds.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a writer puts its text: markup passed through as is, and text escaped for XML on the way
 * with a fast path that copies runs of characters needing no escape in bulk.
 *
 * <p>Every escaping method drops what {@link Text} drops (C0 controls other than tab, line feed and
 * carriage return; DEL and the C1 controls; every Unicode noncharacter; lone surrogates) and keeps
 * every other code point.
 * Carriage returns are written as {@code &#xD;} so that parsers do not fold them into line feeds.
 * I/O errors surface as {@link UncheckedIOException}; the public writers unwrap them. Not
 * thread-safe: one sink per document.
 */
public abstract class Sink {
  /** Text content of an element. */
  static final String[] TEXT = new String[128];
  /** An attribute value in double quotes. */
  static final String[] ATTR = new String[128];
  /** Text inside HTML that is itself the text content of an XML element: escaped twice. */
  static final String[] HTML_TEXT = new String[128];
  /** HTML written as the text content of an XML element: escaped once. */
  static final String[] HTML_RAW = TEXT;

  /** Marks a character as dropped in a table. */
  private static final String DROP = "";

  static {
    for (String[] table : new String[][] {TEXT, ATTR, HTML_TEXT}) {
      for (char c = 0; c < 0x20; c++) {
        if (c != '\t' && c != '\n') {
          table[c] = DROP;
        }
      }
      table['\r'] = "&#xD;";
      table[0x7F] = DROP;
    }
    TEXT['&'] = "&amp;";
    TEXT['<'] = "&lt;";
    TEXT['>'] = "&gt;";
    ATTR['&'] = "&amp;";
    ATTR['<'] = "&lt;";
    ATTR['>'] = "&gt;";
    ATTR['"'] = "&quot;";
    ATTR['\t'] = "&#x9;";
    ATTR['\n'] = "&#xA;";
    HTML_TEXT['&'] = "&amp;amp;";
    HTML_TEXT['<'] = "&amp;lt;";
    HTML_TEXT['>'] = "&amp;gt;";
    HTML_TEXT['"'] = "&amp;quot;";
  }

  /** Writes ASCII markup as is; the caller vouches that it needs no escaping. */
  public abstract Sink raw(String ascii);

  /** Writes one ASCII character as is. */
  public abstract Sink raw(char ascii);

  /** Writes ASCII built in a buffer (a date, say) as is. */
  public final Sink raw(StringBuilder ascii) {
    for (int i = 0, n = ascii.length(); i < n; i++) {
      raw(ascii.charAt(i));
    }
    return this;
  }

  /** Writes {@code s[from, to)}, which holds no character that needs escaping or dropping. */
  abstract void run(String s, int from, int to);

  /** Flushes buffered output to the target (not closing it). */
  public abstract void flush();

  /** Writes text as XML element content. */
  public final Sink text(String s) {
    return escape(s, 0, s.length(), TEXT);
  }

  /** Writes text as an XML attribute value (the quotes are the caller's). */
  public final Sink attr(String s) {
    return escape(s, 0, s.length(), ATTR);
  }

  /** Writes plain text that sits inside HTML carried as XML element content. */
  public final Sink htmlText(String s, int from, int to) {
    return escape(s, from, to, HTML_TEXT);
  }

  /** Writes an HTML fragment as XML element content (escaped once, so it stays HTML). */
  public final Sink htmlRaw(String s) {
    return escape(s, 0, s.length(), HTML_RAW);
  }

  private Sink escape(String s, int from, int to, String[] table) {
    int start = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        String replacement = table[c];
        if (replacement == null) {
          continue;
        }
        if (start < i) {
          run(s, start, i);
        }
        if (!replacement.isEmpty()) {
          raw(replacement);
        }
        start = i + 1;
      } else {
        int drop; // how many chars to drop here
        if (c <= 0x9F) {
          drop = 1; // C1 controls
        } else if (c < Character.MIN_SURROGATE) {
          continue;
        } else if (c <= Character.MAX_SURROGATE) {
          if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
            int codePoint = Character.toCodePoint(c, s.charAt(i + 1));
            if ((codePoint & 0xFFFE) != 0xFFFE) {
              i++;
              continue;
            }
            drop = 2; // a noncharacter of a supplementary plane
          } else {
            drop = 1; // a lone surrogate
          }
        } else if ((c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE) {
          drop = 1;
        } else {
          continue;
        }
        if (start < i) {
          run(s, start, i);
        }
        i += drop - 1;
        start = i + 1;
      }
    }
    if (start < to) {
      run(s, start, to);
    }
    return this;
  }

  /** Writes a non-negative number in decimal. */
  public final Sink number(long value) {
    if (value < 10) {
      return raw((char) ('0' + value));
    }
    return raw(Long.toString(value));
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}

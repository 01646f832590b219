package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Maps exceptions to error kinds and readable messages. */
public final class Failures {
  private Failures() {}

  /** Unwraps completion wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** The error kind of an exception raised while talking to a server. */
  public static ErrorKind kind(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof ProbeFailure) {
      return ((ProbeFailure) e).kind();
    }
    if (e instanceof UnknownHostException) {
      return ErrorKind.DNS;
    }
    if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
      return ErrorKind.UNREACHABLE;
    }
    if (e instanceof ConnectException) {
      String m = lower(e.getMessage());
      if (m.contains("unreachable") || m.contains("no route")) {
        return ErrorKind.UNREACHABLE;
      }
      if (m.contains("timed out")) {
        return ErrorKind.TIMEOUT;
      }
      return ErrorKind.REFUSED;
    }
    if (e instanceof SSLException) {
      return ErrorKind.TLS;
    }
    if (e instanceof InterruptedByTimeoutException
        || e instanceof TimeoutException
        || e instanceof java.net.SocketTimeoutException) {
      return ErrorKind.TIMEOUT;
    }
    if (e instanceof EOFException || e instanceof ClosedChannelException) {
      return ErrorKind.RESET;
    }
    if (e instanceof SocketException || e instanceof java.io.IOException) {
      String m = lower(e.getMessage());
      if (m.contains("unreachable") || m.contains("no route")) {
        return ErrorKind.UNREACHABLE;
      }
      if (m.contains("refused")) {
        return ErrorKind.REFUSED;
      }
      if (m.contains("reset") || m.contains("broken pipe") || m.contains("closed")) {
        return ErrorKind.RESET;
      }
      return ErrorKind.PROTOCOL;
    }
    return ErrorKind.INTERNAL;
  }

  /** A readable message for an exception. */
  public static String message(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof ProbeFailure) {
      return String.valueOf(e.getMessage());
    }
    String m = e.getMessage();
    if (e instanceof UnknownHostException) {
      return "cannot resolve host " + m;
    }
    if (e instanceof EOFException) {
      return m == null ? "connection closed by the server" : m;
    }
    if (e instanceof ClosedChannelException) {
      return "connection closed";
    }
    if (e instanceof ConnectException && m != null) {
      return lower(m);
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The result for a probe that threw or completed exceptionally. */
  public static ProbeResult internal(Probe probe, Throwable t, Duration elapsed) {
    Throwable e = unwrap(t);
    if (e instanceof CancellationException) {
      return ProbeResult.down(ErrorKind.INTERNAL, "probe " + probe.type() + " was cancelled", elapsed);
    }
    ErrorKind kind = kind(e);
    String prefix = kind == ErrorKind.INTERNAL ? "probe " + probe.type() + " failed: " : "";
    return ProbeResult.down(kind, prefix + message(e), elapsed);
  }

  /** A duration for messages: {@code 2s}, {@code 250ms}. */
  public static String show(Duration d) {
    if (d.toMillis() % 1000 == 0 && !d.isZero()) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  /** Quotes text received from a server for a message: printable, cut to 120 chars. */
  public static String quote(@Nullable String text) {
    if (text == null) {
      return "nothing";
    }
    StringBuilder s = new StringBuilder("\"");
    int n = Math.min(text.length(), 120);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        s.append("\\r");
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        s.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        s.append(c);
      }
    }
    if (text.length() > n) {
      s.append("...");
    }
    return s.append('"').toString();
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}

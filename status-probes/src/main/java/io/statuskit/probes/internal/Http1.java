package io.statuskit.probes.internal;

import com.google.common.collect.ImmutableListMultimap;
import io.statuskit.probes.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading an HTTP/1.x response head and a bounded body from an {@link Input}. */
public final class Http1 {
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/(\\d)\\.(\\d) (\\d{3})(?: (.*))?$");
  private static final int MAX_HEADERS = 200;

  private Http1() {}

  /** A response head: status and headers (names in lower case). */
  public record Head(int status, String reason, ImmutableListMultimap<String, String> headers) {
    /** The first value of a header, or null. */
    public @org.jspecify.annotations.Nullable String header(String name) {
      var values = headers.get(name.toLowerCase(Locale.ROOT));
      return values.isEmpty() ? null : values.get(0);
    }
  }

  /** A body read up to a limit. */
  public record Body(byte[] bytes, boolean truncated) {}

  /** Reads the status line and headers. */
  public static CompletableFuture<Head> head(Input in) {
    return in.requireLine("waiting for the HTTP status line")
        .thenCompose(
            line -> {
              Matcher m = STATUS_LINE.matcher(line);
              if (!m.matches()) {
                return Input.<Head>failed(
                    new ProbeFailure(
                        ErrorKind.PROTOCOL, "not an HTTP response: " + Failures.quote(line)));
              }
              int status = Integer.parseInt(m.group(3));
              String reason = m.group(4) == null ? "" : m.group(4);
              return headers(in, ImmutableListMultimap.builder(), 0)
                  .thenApply(h -> new Head(status, reason, h));
            });
  }

  private static CompletableFuture<ImmutableListMultimap<String, String>> headers(
      Input in, ImmutableListMultimap.Builder<String, String> acc, int count) {
    if (count > MAX_HEADERS) {
      return Input.failed(
          new ProbeFailure(ErrorKind.PROTOCOL, "more than " + MAX_HEADERS + " response headers"));
    }
    // whole lines already buffered are taken synchronously: no future per header line
    int n = count;
    String buffered;
    while ((buffered = in.bufferedLine()) != null) {
      ProbeFailure bad = header(acc, buffered);
      if (bad != null) {
        return Input.failed(bad);
      }
      if (buffered.isEmpty()) {
        return CompletableFuture.completedFuture(acc.build());
      }
      n++;
      if (n > MAX_HEADERS) {
        return Input.failed(
            new ProbeFailure(ErrorKind.PROTOCOL, "more than " + MAX_HEADERS + " response headers"));
      }
    }
    int seen = n;
    return in.requireLine("reading the HTTP headers")
        .thenCompose(
            line -> {
              ProbeFailure bad = header(acc, line);
              if (bad != null) {
                return Input.<ImmutableListMultimap<String, String>>failed(bad);
              }
              if (line.isEmpty()) {
                return CompletableFuture.completedFuture(acc.build());
              }
              return headers(in, acc, seen + 1);
            });
  }

  /** Adds one header line (nothing for the empty line ending the head); a failure if malformed. */
  private static @org.jspecify.annotations.Nullable ProbeFailure header(
      ImmutableListMultimap.Builder<String, String> acc, String line) {
    if (line.isEmpty()) {
      return null;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return new ProbeFailure(ErrorKind.PROTOCOL, "malformed HTTP header: " + Failures.quote(line));
    }
    acc.put(
        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
        line.substring(colon + 1).trim());
    return null;
  }

  /**
   * Reads the body as the head describes it (chunked, Content-Length, or until close), keeping at
   * most {@code limit} bytes and stopping there.
   */
  public static CompletableFuture<Body> body(Input in, Head head, boolean isHead, int limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (isHead || head.status() / 100 == 1 || head.status() == 204 || head.status() == 304) {
      return CompletableFuture.completedFuture(new Body(new byte[0], false));
    }
    String te = head.header("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return chunked(in, out, limit);
    }
    String cl = head.header("content-length");
    long length = -1;
    if (cl != null) {
      try {
        length = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        return Input.failed(
            new ProbeFailure(ErrorKind.PROTOCOL, "bad Content-Length: " + Failures.quote(cl)));
      }
    }
    return raw(in, out, length, limit);
  }

  private static CompletableFuture<Body> raw(
      Input in, ByteArrayOutputStream out, long length, int limit) {
    if (length >= 0 && out.size() >= length) {
      return CompletableFuture.completedFuture(new Body(out.toByteArray(), false));
    }
    if (out.size() >= limit) {
      return CompletableFuture.completedFuture(new Body(out.toByteArray(), true));
    }
    long want = length >= 0 ? Math.min(length - out.size(), limit - out.size()) : limit - out.size();
    return in.some((int) Math.min(want, 65536))
        .thenCompose(
            bytes -> {
              if (bytes.length == 0) {
                if (length >= 0) {
                  return Input.<Body>failed(
                      new java.io.EOFException(
                          "connection closed after "
                              + out.size()
                              + " of "
                              + length
                              + " body bytes"));
                }
                return CompletableFuture.completedFuture(new Body(out.toByteArray(), false));
              }
              out.write(bytes, 0, bytes.length);
              return raw(in, out, length, limit);
            });
  }

  private static CompletableFuture<Body> chunked(Input in, ByteArrayOutputStream out, int limit) {
    if (out.size() >= limit) {
      return CompletableFuture.completedFuture(new Body(out.toByteArray(), true));
    }
    return in.requireLine("reading a chunk size")
        .thenCompose(
            line -> {
              String hex = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
              long size;
              try {
                size = Long.parseLong(hex.trim(), 16);
              } catch (NumberFormatException e) {
                return Input.<Body>failed(
                    new ProbeFailure(
                        ErrorKind.PROTOCOL, "bad chunk size: " + Failures.quote(line)));
              }
              if (size == 0) {
                return CompletableFuture.completedFuture(new Body(out.toByteArray(), false));
              }
              return chunkData(in, out, size, limit)
                  .thenCompose(
                      truncated ->
                          truncated
                              ? CompletableFuture.completedFuture(new Body(out.toByteArray(), true))
                              : in.requireLine("reading a chunk end")
                                  .thenCompose(crlf -> chunked(in, out, limit)));
            });
  }

  private static CompletableFuture<Boolean> chunkData(
      Input in, ByteArrayOutputStream out, long left, int limit) {
    if (left == 0) {
      return CompletableFuture.completedFuture(false);
    }
    if (out.size() >= limit) {
      return CompletableFuture.completedFuture(true);
    }
    int want = (int) Math.min(Math.min(left, limit - out.size()), 65536);
    return in.some(want)
        .thenCompose(
            bytes -> {
              if (bytes.length == 0) {
                return Input.<Boolean>failed(
                    new java.io.EOFException("connection closed inside a chunk"));
              }
              out.write(bytes, 0, bytes.length);
              return chunkData(in, out, left - bytes.length, limit);
            });
  }
}

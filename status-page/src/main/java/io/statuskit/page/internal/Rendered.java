package io.statuskit.page.internal;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.statuskit.feeds.ConditionalGet;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * One rendered document as it is kept in memory: its bytes, a gzip variant when that is smaller,
 * and every header of its 200 and 304 answers, all computed once. Immutable and thread-safe.
 */
final class Rendered {
  /** Bodies smaller than this are not worth compressing. */
  static final int GZIP_MIN_BYTES = 256;

  final int status;
  final byte[] body;
  final byte @Nullable [] gzip;
  final String etag;
  final String gzipEtag;
  /** When the content last changed, to the instant: what If-Modified-Since is compared with. */
  final Instant lastModified;
  /** From when the date is a trustworthy validator: the end of the second of the change. */
  final Instant settledAt;
  /** Headers while the second of the change lasts (Last-Modified is that second). */
  final Variant fresh;
  /** Headers once it is over (Last-Modified is the end of that second). */
  final Variant settled;

  /** Every header of the 200 and 304 answers, plain and gzipped, with one Last-Modified. */
  static final class Variant {
    final ImmutableMap<String, String> plainHeaders;
    final @Nullable ImmutableMap<String, String> gzipHeaders;
    final ImmutableMap<String, String> plainNotModified;
    final @Nullable ImmutableMap<String, String> gzipNotModified;

    Variant(
        ImmutableMap<String, String> plainHeaders,
        @Nullable ImmutableMap<String, String> gzipHeaders,
        ImmutableMap<String, String> plainNotModified,
        @Nullable ImmutableMap<String, String> gzipNotModified) {
      this.plainHeaders = plainHeaders;
      this.gzipHeaders = gzipHeaders;
      this.plainNotModified = plainNotModified;
      this.gzipNotModified = gzipNotModified;
    }
  }

  Rendered(
      int status,
      String contentType,
      byte[] body,
      Instant lastModified,
      String cacheControl,
      ImmutableMap<String, String> extra) {
    this.status = status;
    this.body = body;
    this.gzip = compressible(contentType) && body.length >= GZIP_MIN_BYTES ? smallerGzip(body) : null;
    String hash = Hashing.sha256().hashBytes(body).toString().substring(0, 32);
    this.etag = "\"" + hash + "\"";
    this.gzipEtag = "\"" + hash + "-gzip\"";
    this.lastModified = lastModified;
    // A date is a trustworthy validator only once the second of the change is over (RFC 9110
    // 8.8.2.2): two versions within one second share a date. See ConditionalGet.lastModifiedHeader.
    this.settledAt = ConditionalGet.lastModifiedHeader(lastModified, lastModified.plusSeconds(1));
    this.fresh = variant(contentType, HttpDates.format(ConditionalGet.lastModifiedHeader(lastModified, lastModified)), cacheControl, extra);
    this.settled = variant(contentType, HttpDates.format(settledAt), cacheControl, extra);
  }

  /** The headers to send at {@code now}. */
  Variant at(Instant now) {
    return now.isBefore(settledAt) ? fresh : settled;
  }

  private Variant variant(String contentType, String modified, String cacheControl, ImmutableMap<String, String> extra) {
    boolean validators = status == 200;
    ImmutableMap<String, String> plainHeaders =
        headers(contentType, body.length, validators ? etag : null, validators ? modified : null, false, cacheControl, extra);
    ImmutableMap<String, String> plainNotModified = notModified(etag, modified, false, cacheControl);
    byte[] zipped = gzip;
    if (zipped == null) {
      return new Variant(plainHeaders, null, plainNotModified, null);
    }
    return new Variant(
        plainHeaders,
        headers(contentType, zipped.length, validators ? gzipEtag : null, validators ? modified : null, true, cacheControl, extra),
        plainNotModified,
        notModified(gzipEtag, modified, true, cacheControl));
  }

  /** About how many bytes of heap this document holds, for the cache's weigher. */
  int weight() {
    return 1024 + body.length + (gzip == null ? 0 : gzip.length);
  }

  private ImmutableMap<String, String> headers(
      String contentType,
      int length,
      @Nullable String tag,
      @Nullable String modified,
      boolean gzipped,
      String cacheControl,
      ImmutableMap<String, String> extra) {
    ImmutableMap.Builder<String, String> headers = ImmutableMap.builder();
    headers.put("Content-Type", contentType);
    headers.put("Content-Length", Integer.toString(length));
    if (gzipped) {
      headers.put("Content-Encoding", "gzip");
    }
    if (gzip != null) {
      headers.put("Vary", "Accept-Encoding");
    }
    if (tag != null && modified != null) {
      headers.put("ETag", tag);
      headers.put("Last-Modified", modified);
    }
    headers.put("Cache-Control", cacheControl);
    headers.putAll(extra);
    return headers.buildOrThrow();
  }

  private ImmutableMap<String, String> notModified(String tag, String modified, boolean gzipped, String cacheControl) {
    ImmutableMap.Builder<String, String> headers = ImmutableMap.builder();
    headers.put("ETag", tag);
    headers.put("Last-Modified", modified);
    headers.put("Cache-Control", cacheControl);
    if (gzipped || gzip != null) {
      headers.put("Vary", "Accept-Encoding");
    }
    return headers.buildOrThrow();
  }

  private static boolean compressible(String contentType) {
    return contentType.startsWith("text/")
        || contentType.contains("json")
        || contentType.contains("xml")
        || contentType.startsWith("image/svg");
  }

  private static byte @Nullable [] smallerGzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory failed", e);
    }
    byte[] compressed = bytes.toByteArray();
    return compressed.length < body.length ? compressed : null;
  }
}

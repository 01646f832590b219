package io.statuskit.examples.server;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.ByteStreams;
import io.statuskit.core.spi.StoreException;
import io.statuskit.examples.server.AdminApi.Reply;
import io.statuskit.monitor.Heartbeats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat route a cron job or batch task calls, as Healthchecks' {@code /ping/<uuid>}: {@code
 * GET}, {@code HEAD} or {@code POST} to {@code heartbeat/<id>/<secret>} after a run that went well
 * ({@link Heartbeats#ping}), {@code .../start} when a run begins ({@link Heartbeats#start}) and
 * {@code .../fail} when one failed ({@link Heartbeats#fail}; the first line of the body, at most
 * {@value #MAX_MESSAGE_CHARS} characters, is the failure's message).
 *
 * <ul>
 *   <li>The secret is the heartbeat's own ({@code servers[i].heartbeat.secret}), checked in
 *       constant time ({@link Heartbeats#authenticates}). An unknown id, a heartbeat without a
 *       secret and a wrong secret get the same 404, so a caller learns nothing of which ids exist.
 *   <li>A body is read only after the secret matched, and at most {@value #MAX_BODY_BYTES} bytes
 *       of it (413 beyond); only {@code fail} uses it.
 *   <li>200 {@code OK} once the monitor took the signal (and the store holds any change it made);
 *       503 when the store could not keep it; 405 for other methods.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class HeartbeatRoute {
  /** The largest body read. */
  public static final int MAX_BODY_BYTES = 10_000;

  /** The longest failure message kept from a {@code fail} body. */
  public static final int MAX_MESSAGE_CHARS = 500;

  private static final Logger log = LoggerFactory.getLogger(HeartbeatRoute.class);
  private static final ImmutableMap<String, String> TEXT =
      ImmutableMap.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store");

  private final @Nullable Heartbeats heartbeats;

  private HeartbeatRoute(@Nullable Heartbeats heartbeats) {
    this.heartbeats = heartbeats;
  }

  /** A route to {@code heartbeats}, or one that answers 404 to everything when it is null. */
  public static HeartbeatRoute of(@Nullable Heartbeats heartbeats) {
    return new HeartbeatRoute(heartbeats);
  }

  /** A route that answers 404 to everything: no monitor runs. */
  public static HeartbeatRoute off() {
    return new HeartbeatRoute(null);
  }

  /**
   * Handles one request.
   *
   * @param method the HTTP method
   * @param route the path after {@code heartbeat/}: {@code <id>/<secret>}, optionally followed by
   *     {@code /start} or {@code /fail}
   * @param body the request body
   */
  public Reply handle(String method, String route, InputStream body) {
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
      return new Reply(
          405,
          text("use GET, HEAD or POST"),
          ImmutableMap.<String, String>builder().putAll(TEXT).put("Allow", "GET, HEAD, POST").build());
    }
    String[] parts = route.split("/", -1);
    String signal = parts.length == 3 ? parts[2] : parts.length == 2 ? "" : "?";
    if (!signal.isEmpty() && !signal.equals("start") && !signal.equals("fail")) {
      return notFound();
    }
    Heartbeats beats = heartbeats;
    if (beats == null || !beats.authenticates(parts[0], parts[1])) {
      return notFound();
    }
    String id = parts[0];
    byte[] bytes;
    try {
      bytes = ByteStreams.toByteArray(ByteStreams.limit(body, MAX_BODY_BYTES + 1L));
    } catch (IOException e) {
      return new Reply(400, text("the body could not be read"), TEXT);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      return new Reply(413, text("the body must be at most " + MAX_BODY_BYTES + " bytes"), TEXT);
    }
    try {
      switch (signal) {
        case "start":
          beats.start(id);
          break;
        case "fail":
          beats.fail(id, message(bytes));
          break;
        default:
          beats.ping(id);
          break;
      }
    } catch (StoreException e) {
      log.error("heartbeat {}: the store could not keep the change", id, e);
      return new Reply(503, text("the change was not stored; try again"), TEXT);
    }
    return new Reply(200, text("OK"), TEXT);
  }

  /** The first line of a body, printable characters only, at most {@value #MAX_MESSAGE_CHARS}; null when empty. */
  static @Nullable String message(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).replaceAll("\\p{Cntrl}", " ").strip();
    if (line.isEmpty()) {
      return null;
    }
    return line.length() <= MAX_MESSAGE_CHARS ? line : line.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  private static Reply notFound() {
    return new Reply(404, text("not found"), TEXT);
  }

  private static byte[] text(String line) {
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }
}

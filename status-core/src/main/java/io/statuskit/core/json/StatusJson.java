package io.statuskit.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * StatusKit's versioned JSON format ({@value #FORMAT}) for whole {@link StatusBoard}s and single
 * {@link StatusEvent}s: what the durable journal stores, and what backups and migrations carry.
 * The format is described in {@code docs/json-format.md}.
 *
 * <p>Every document is a JSON object whose {@code "format"} is {@value #FORMAT} and whose {@code
 * "type"} is {@code "board"} or an event type such as {@code "status_observed"}. Times are RFC
 * 3339 strings; update times keep the offset they were written with, other instants are written
 * in UTC ({@code Z}).
 *
 * <p>Reading is strict: a newer major format ({@code "statuskit/2"}) is rejected with a message
 * saying so, and so is any field this version does not know, so nothing is silently lost. Every
 * reading error is a {@link StatusJsonException} whose message starts with the JSON path of the
 * value and shows it: {@code incidents[3].updates[0].state: "sleeping" is not a state (...)}.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(backup)) {
 *   StatusJson.exportBoard(tracker.board(), out);
 * }
 * StatusBoard restored;
 * try (InputStream in = Files.newInputStream(backup)) {
 *   restored = StatusJson.readBoard(in);
 * }
 * }</pre>
 *
 * <p>Thread-safe: all methods are static and share no mutable state. Streams passed in are not
 * closed; a reader may buffer past the end of the document, so give it a stream that holds one
 * document (trailing content other than white space is rejected).
 */
public final class StatusJson {
  /** The format this version writes and reads: {@value}. */
  public static final String FORMAT = "statuskit/1";

  /** The major version of {@link #FORMAT}. */
  public static final int MAJOR_VERSION = 1;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private StatusJson() {}

  /**
   * Writes a board as one compact JSON document.
   *
   * @throws IOException if {@code out} fails
   */
  public static void writeBoard(StatusBoard board, OutputStream out) throws IOException {
    writeBoard(board, out, false);
  }

  /**
   * Writes a board as an indented JSON document, the form meant for backups and for people to
   * read. {@link #readBoard} reads it back.
   *
   * @throws IOException if {@code out} fails
   */
  public static void exportBoard(StatusBoard board, OutputStream out) throws IOException {
    writeBoard(board, out, true);
  }

  /** A board as compact JSON bytes (UTF-8). */
  public static byte[] writeBoard(StatusBoard board) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try {
      writeBoard(board, bytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static void writeBoard(StatusBoard board, OutputStream out, boolean pretty) throws IOException {
    requireNonNull(board, "board");
    requireNonNull(out, "out");
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      new JsonWriter(generator).board(board);
    }
    if (pretty) {
      out.write('\n');
    }
    out.flush();
  }

  /**
   * Reads a board document (compact or indented).
   *
   * @throws StatusJsonException if the document is not a valid {@value #FORMAT} board; the message
   *     names the JSON path and the value
   * @throws IOException if {@code in} fails
   */
  public static StatusBoard readBoard(InputStream in) throws IOException {
    return JsonReader.board(readTree(requireNonNull(in, "in")));
  }

  /**
   * Reads a board document from bytes.
   *
   * @throws StatusJsonException if the document is not a valid {@value #FORMAT} board
   */
  public static StatusBoard readBoard(byte[] json) {
    try {
      return readBoard(new ByteArrayInputStream(requireNonNull(json, "json")));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
  }

  /** An event as one compact JSON document (UTF-8 bytes). */
  public static byte[] writeEvent(StatusEvent event) {
    requireNonNull(event, "event");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
      new JsonWriter(generator).event(event);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads an event document.
   *
   * @throws StatusJsonException if the bytes are not a valid {@value #FORMAT} event; the message
   *     names the JSON path and the value
   */
  public static StatusEvent readEvent(byte[] json) {
    try {
      return JsonReader.event(readTree(new ByteArrayInputStream(requireNonNull(json, "json"))));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
  }

  private static JsonNode readTree(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new StatusJsonException("$", "empty input; expected a JSON object");
      }
      JsonNode root = MAPPER.readTree(parser);
      if (root == null || !root.isObject()) {
        throw new StatusJsonException("$", "must be a JSON object, was " + JsonReader.show(root));
      }
      if (parser.nextToken() != null) {
        throw new StatusJsonException(
            "$", "unexpected content after the document at " + location(parser));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new StatusJsonException("$", "not valid JSON: " + e.getOriginalMessage() + " at " + location(e), e);
    }
  }

  private static String location(JsonParser parser) {
    return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
  }

  private static String location(JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation location = e.getLocation();
    return location == null
        ? "unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}

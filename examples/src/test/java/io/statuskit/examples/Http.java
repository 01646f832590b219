package io.statuskit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small blocking HTTP client for the tests, talking to 127.0.0.1 only, with timeouts. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  private Http() {}

  static HttpResponse<byte[]> get(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  static HttpResponse<byte[]> post(URI uri, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    return send(request.build());
  }

  /**
   * Waits (at most 30 s, polling every 200 ms) until the front page shows {@code count} servers
   * whose live ping is up, and returns that page.
   */
  static String awaitLivePings(URI front, int count) throws InterruptedException {
    String page = "";
    for (int attempt = 0; attempt < 150; attempt++) {
      page = text(get(front));
      if (page.split("class=\"ping ping-up\"", -1).length - 1 >= count) {
        return page;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the front page did not show " + count + " live pings up within 30 s:\n" + page);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

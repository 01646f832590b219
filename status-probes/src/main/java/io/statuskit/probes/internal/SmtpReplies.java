package io.statuskit.probes.internal;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading SMTP replies (RFC 5321 section 4.2), multi-line ones included. */
public final class SmtpReplies {
  private static final Pattern LINE = Pattern.compile("^(\\d{3})(?:([ -])(.*))?$");
  private static final int MAX_LINES = 100;

  private SmtpReplies() {}

  /** A reply: its code and its lines' texts (without code and separator). */
  public record Reply(int code, ImmutableList<String> texts) {
    /** The reply as the server sent it, lines joined by a space: {@code 554 5.7.1 rejected}. */
    public String show() {
      return code + (texts.isEmpty() ? "" : " " + String.join(" ", texts));
    }
  }

  /** Reads one reply; {@code what} names it in errors ("the banner", "the EHLO reply"). */
  public static CompletableFuture<Reply> read(Input in, String what) {
    return read(in, what, new ArrayList<>(), -1);
  }

  private static CompletableFuture<Reply> read(Input in, String what, List<String> texts, int code) {
    return in.requireLine("waiting for " + what)
        .thenCompose(
            line -> {
              Matcher m = LINE.matcher(line);
              if (!m.matches()) {
                return CompletableFuture.<Reply>failedFuture(
                    new ProbeFailure(
                        ErrorKind.PROTOCOL,
                        "not an SMTP reply in " + what + ": " + Failures.quote(line)));
              }
              int c = Integer.parseInt(m.group(1));
              if (code >= 0 && c != code) {
                return CompletableFuture.<Reply>failedFuture(
                    new ProbeFailure(
                        ErrorKind.PROTOCOL,
                        "inconsistent codes in a multi-line reply in " + what + ": " + code + ", " + c));
              }
              texts.add(m.group(3) == null ? "" : m.group(3));
              boolean more = "-".equals(m.group(2));
              if (!more) {
                return CompletableFuture.completedFuture(new Reply(c, ImmutableList.copyOf(texts)));
              }
              if (texts.size() >= MAX_LINES) {
                return CompletableFuture.<Reply>failedFuture(
                    new ProbeFailure(
                        ErrorKind.PROTOCOL, "more than " + MAX_LINES + " lines in " + what));
              }
              return read(in, what, texts, c);
            });
  }
}

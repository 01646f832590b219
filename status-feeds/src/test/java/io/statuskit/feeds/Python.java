package io.statuskit.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python3 -c SCRIPT} for interop tests. Debian's interpreter ({@code /usr/bin/python3})
 * comes first, since a pyenv {@code python3} on the PATH does not see Debian's packages.
 */
final class Python {
  private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

  private Python() {}

  /** The result of a run. */
  record Result(int exit, String out, String err) {}

  /** An interpreter that can import {@code module}, or why there is none. */
  static Availability find(String module) {
    StringBuilder why = new StringBuilder();
    for (String python : INTERPRETERS) {
      if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) {
        why.append(python).append(" not found; ");
        continue;
      }
      try {
        Result result = run(python, "import " + module);
        if (result.exit() == 0) {
          return new Availability(python, "");
        }
        why.append(python).append(": ").append(result.err().strip().lines().reduce((a, b) -> b).orElse("")).append("; ");
      } catch (IOException e) {
        why.append(python).append(": ").append(e.getMessage()).append("; ");
      }
    }
    return new Availability(null, why.toString());
  }

  /** Which interpreter to use, or null with the reason. */
  record Availability(@org.jspecify.annotations.Nullable String python, String reason) {
    boolean available() {
      return python != null;
    }

    String interpreter() {
      return java.util.Objects.requireNonNull(python, reason);
    }
  }

  /** Runs a script with arguments; waits at most 60 seconds. */
  static Result run(String python, String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(python, "-c", script));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("python did not finish in 60 s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

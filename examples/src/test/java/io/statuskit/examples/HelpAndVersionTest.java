package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help}, {@code --version} and the one-line errors of the command line. */
class HelpAndVersionTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return StatusKitExamples.run(
        List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theJarsHelpListsEveryCommandOnStdout() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString()).startsWith("usage: ").contains("serve", "check", "migrate", "import", "export", "--store STORE");
    assertThat(err.toString()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "check", "migrate", "import", "export"})
  void everyCommandsHelpIsItsUsageOnStdout(String command) {
    assertThat(run(command, "--help")).isEqualTo(0);
    assertThat(out.toString()).startsWith("usage: java -jar statuskit-examples.jar " + command);
    assertThat(err.toString()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "serve", "check", "migrate", "import", "export"})
  void theVersionIsPrintedForTheJarAndEveryCommand(String command) {
    assertThat(command.isEmpty() ? run("--version") : run(command, "--version")).isEqualTo(0);
    assertThat(out.toString()).matches("statuskit-examples \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCode2() {
    assertThat(run("check", "--colour", "red")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: unknown option --colour").hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnknownCommandIsOneLineAndExitCode2() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: unknown command \"deploy\"").hasLineCount(1);
  }

  @Test
  void aMissingConfigFileIsOneLineNamingTheFile() {
    Path missing = dir.resolve("nope.yaml");
    List<List<String>> runs =
        List.of(
            List.of("check", "--config", missing.toString()),
            List.of("serve", "--config", missing.toString(), "--port", "0"),
            List.of("export", "--config", missing.toString(), "--out", dir.resolve("out").toString()));
    for (List<String> args : runs) {
      err.reset();
      assertThat(run(args.toArray(String[]::new))).as(args.get(0)).isEqualTo(2);
      assertThat(err.toString()).as(args.get(0)).isEqualTo("error: config file not found: " + missing + "\n");
    }
  }

  @Test
  void checkNeedsNoPageSection() throws Exception {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join("\n", "servers:", "  - id: NC040", "    name: Closed port", "    probes:", "      - type: tcp",
            "        host: 127.0.0.1", "        port: 9", "        timeout: 2s", ""));
    int code = run("check", "--config", config.toString());
    assertThat(err.toString()).isEmpty();
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("NC040");
  }
}

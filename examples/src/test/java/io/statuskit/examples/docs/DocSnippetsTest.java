package io.statuskit.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.statuskit.examples.docs.DocSnippets.Problem;
import io.statuskit.examples.docs.DocSnippets.Snippet;
import io.statuskit.examples.docs.DocSnippets.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} snippet of README.md and docs/ (found by glob, so new guides are checked
 * without a change here) shows its imports and compiles against every library module; a failure
 * names the Markdown file and line. The convention for fragments is in {@link DocSnippets} and
 * docs/testing.md. Surefire runs in examples/, so the repository root is {@code ..}.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void everySnippetInTheReadmeAndTheDocsCompiles(@TempDir Path classes) throws Exception {
    List<Path> files = DocSnippets.markdownFiles(ROOT);
    assertThat(files).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/micrometer.md"));
    List<Unit> units = new ArrayList<>();
    for (Path file : files) {
      for (Snippet s : DocSnippets.snippets(file, ROOT.relativize(file).toString())) {
        units.add(DocSnippets.unit(s, units.size()));
      }
    }
    assertThat(units).hasSizeGreaterThan(30);

    List<Problem> problems = DocSnippets.compile(units, DocSnippets.testClassPath(), classes);

    if (!problems.isEmpty()) {
      fail(problems.size() + " compile errors in " + units.size() + " snippets:\n"
          + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }
  }

  @Test
  void aBrokenSnippetFailsAtItsMarkdownFileAndLine(@TempDir Path dir) throws Exception {
    Path md = write(dir, "guide.md",
        "# Guide",
        "",
        "```java",
        "import io.statuskit.core.StatusTracker;",
        "import java.time.Clock;",
        "",
        "try (StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC())) {",
        "  tracker.observe(\"NC027\", Status.MAJOR_OUTAGE);",   // line 8: Status is not imported
        "}",
        "```");

    List<Problem> problems = compile(dir, md);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.where()).isEqualTo("guide.md:8");
      assertThat(p.message()).contains("cannot find symbol").contains("Status.MAJOR_OUTAGE").contains("snippet at guide.md:4");
    });
  }

  @Test
  void aSnippetOfAModuleNotOnTheClassPathSaysWhichModule(@TempDir Path dir) throws Exception {
    // A module that does not exist, so that the test stays true whichever modules examples adds.
    Path md = write(dir, "spring.md",
        "```java",
        "import io.statuskit.grafana.Dashboards;",
        "",
        "// given: Dashboards dashboards",
        "System.out.println(dashboards);",
        "```");

    List<Problem> problems = compile(dir, md);

    assertThat(problems).isNotEmpty().first().satisfies(p -> {
      assertThat(p.where()).isEqualTo("spring.md:2");
      assertThat(p.message())
          .contains("package io.statuskit.grafana does not exist")
          .contains("not on this test's class path")
          .contains("status-grafana")
          .contains("examples/pom.xml");
    });
  }

  @Test
  void fragmentsWithGivenNamesMembersAndWholeClassesCompile(@TempDir Path dir) throws Exception {
    Path md = write(dir, "ok.md",
        "```java",
        "import io.statuskit.core.Status;",
        "import io.statuskit.core.StatusTracker;",
        "import java.util.Map;",
        "",
        "// given: StatusTracker tracker, Map<String, Status> wanted",
        "wanted.forEach((id, status) -> tracker.observe(id, status));",
        "```",
        "",
        "```java",
        "import org.junit.jupiter.api.Test;",
        "",
        "@Test",
        "void aTestMethod() {",
        "}",
        "```",
        "",
        "  ```java",
        "  public class Whole {",
        "    static int one() { return 1; }",
        "  }",
        "  ```");

    List<Snippet> snippets = DocSnippets.snippets(md, "ok.md");
    assertThat(snippets).extracting(Snippet::firstLine).containsExactly(2, 11, 19);
    assertThat(compile(dir, md)).isEmpty();
  }

  @Test
  void anUnclosedBlockIsAnErrorAtItsFence(@TempDir Path dir) throws Exception {
    Path md = write(dir, "open.md", "text", "```java", "int x = 1;");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DocSnippets.snippets(md, "open.md"))
        .hasMessage("open.md:2: the ```java block is never closed");
  }

  private static Path write(Path dir, String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  private static List<Problem> compile(Path dir, Path md) throws IOException {
    List<Unit> units = new ArrayList<>();
    for (Snippet s : DocSnippets.snippets(md, md.getFileName().toString())) {
      units.add(DocSnippets.unit(s, units.size()));
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    return DocSnippets.compile(units, DocSnippets.testClassPath(), classes);
  }
}

package io.statuskit.examples.docs;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds every {@code ```java} block of the Markdown files, makes each a compilation unit by the
 * convention below, and compiles them all with the JDK's compiler against the test class path,
 * reporting each error at the Markdown file and line it comes from.
 *
 * <p>The convention (also in docs/testing.md, "Snippets in the docs"):
 *
 * <ul>
 *   <li>A block with a type declaration at the start of a line ({@code class}, {@code record},
 *       {@code interface}, {@code enum}, with modifiers or annotations before it) is a whole
 *       compilation unit: imports, then types.
 *   <li>Otherwise its leading {@code import} lines are its imports, and the rest is the body of a
 *       method {@code void snippet(...) throws Exception} in a class of its own; when that rest
 *       begins with an annotation or a method declaration it is the body of the class instead
 *       (fields and methods, such as a test method).
 *   <li>A line {@code // given: Type name, Type name} right after the imports names what the
 *       snippet uses without creating it (the host's tracker, a request): parameters of the
 *       method, or fields of the class.
 * </ul>
 *
 * <p>Each snippet gets a package of its own, so two snippets may use one class name.
 */
final class DocSnippets {
  private static final Pattern FENCE_OPEN = Pattern.compile("^```java(\\s.*)?$");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*(//.*)?$");
  private static final Pattern GIVEN = Pattern.compile("^//\\s*given:\\s*(.+)$");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(package\\s|((public|protected|private|final|abstract|static|sealed|non-sealed|strictfp)\\s+)*(class|interface|record|enum|@interface)\\s+\\w+)");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("^public\\s+((final|abstract|sealed|non-sealed|strictfp)\\s+)*(class|interface|record|enum|@interface)\\s+(\\w+)");
  private static final Pattern METHOD_DECLARATION =
      Pattern.compile("^((public|protected|private|static|final|abstract|synchronized|default)\\s+)*[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\(.*");
  private static final Pattern MISSING_PACKAGE = Pattern.compile("package ([\\w.]+) does not exist");

  private DocSnippets() {}

  /** One {@code ```java} block. */
  record Snippet(Path file, String displayName, int firstLine, List<String> lines) {
    String where() {
      return displayName + ":" + firstLine;
    }
  }

  /** A compile error at a Markdown line. */
  record Problem(String where, String message) {
    @Override
    public String toString() {
      return where + ": " + message;
    }
  }

  /** README.md and every {@code docs/**.md} under {@code root}, in a stable order. */
  static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Path readme = root.resolve("README.md");
    if (Files.exists(readme)) {
      files.add(readme);
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> walk = Files.walk(docs, 8)) {
        walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** The {@code ```java} blocks of one Markdown file; {@code displayName} is how errors name it. */
  static List<Snippet> snippets(Path file, String displayName) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!FENCE_OPEN.matcher(lines.get(i).strip()).matches()) {
        continue;
      }
      int indent = lines.get(i).indexOf('`');
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalArgumentException(displayName + ":" + (i + 1) + ": the ```java block is never closed");
      }
      List<String> code = new ArrayList<>();
      for (String line : lines.subList(start, end)) {
        code.add(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line);
      }
      snippets.add(new Snippet(file, displayName, start + 1, code));
      i = end;
    }
    return snippets;
  }

  /** A snippet made a compilation unit, with the Markdown line of each of its lines (0: added). */
  record Unit(Snippet snippet, String packageName, String fileName, List<String> lines, List<Integer> docLines) {
    String source() {
      return String.join("\n", lines) + "\n";
    }
  }

  static Unit unit(Snippet s, int index) {
    String pkg = "snippets.s" + index + "_" + slug(s.displayName()) + "_" + s.firstLine();
    List<String> out = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    boolean whole = s.lines().stream().anyMatch(l -> TYPE_DECLARATION.matcher(l).find());
    boolean hasPackage = s.lines().stream().anyMatch(l -> l.startsWith("package "));
    if (whole) {
      if (!hasPackage) {
        add(out, at, "package " + pkg + ";", 0);
      }
      String fileName = "Snippet";
      for (int i = 0; i < s.lines().size(); i++) {
        String line = s.lines().get(i);
        Matcher m = PUBLIC_TYPE.matcher(line);
        if (m.find()) {
          fileName = m.group(4);
        }
        add(out, at, line, s.firstLine() + i);
      }
      return new Unit(s, pkg, fileName, out, at);
    }
    add(out, at, "package " + pkg + ";", 0);
    int i = 0;
    // imports (blank lines and comments between them allowed)
    while (i < s.lines().size()) {
      String line = s.lines().get(i).strip();
      if (IMPORT.matcher(line).matches() || line.isEmpty() || (line.startsWith("//") && !GIVEN.matcher(line).matches())) {
        add(out, at, s.lines().get(i), s.firstLine() + i);
        i++;
      } else {
        break;
      }
    }
    List<String> given = new ArrayList<>();
    int givenLine = 0;
    while (i < s.lines().size()) {
      Matcher m = GIVEN.matcher(s.lines().get(i).strip());
      if (!m.matches()) {
        break;
      }
      given.addAll(splitTopLevel(m.group(1)));
      givenLine = s.firstLine() + i;
      i++;
    }
    String firstCode = "";
    for (int j = i; j < s.lines().size(); j++) {
      String line = s.lines().get(j).strip();
      if (!line.isEmpty() && !line.startsWith("//")) {
        firstCode = line;
        break;
      }
    }
    boolean members = firstCode.startsWith("@") || (METHOD_DECLARATION.matcher(firstCode).matches() && firstCode.endsWith("{")
        && !firstCode.startsWith("try") && !firstCode.startsWith("for") && !firstCode.startsWith("if")
        && !firstCode.startsWith("while") && !firstCode.startsWith("synchronized") && !firstCode.startsWith("switch")
        && !firstCode.contains("="));
    add(out, at, "@SuppressWarnings(\"all\")", 0);
    add(out, at, "abstract class Snippet {", 0);
    if (members) {
      for (String g : given) {
        add(out, at, "  " + g + ";", givenLine);
      }
    } else {
      add(out, at, "  void snippet(" + String.join(", ", given) + ") throws Exception {", givenLine);
    }
    for (; i < s.lines().size(); i++) {
      add(out, at, s.lines().get(i), s.firstLine() + i);
    }
    if (!members) {
      add(out, at, "  }", 0);
    }
    add(out, at, "}", 0);
    return new Unit(s, pkg, "Snippet", out, at);
  }

  /** Splits {@code "Map<String, Status> m, Clock clock"} at the commas outside angle brackets. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(from, i).strip());
        from = i + 1;
      }
    }
    String last = text.substring(from).strip();
    if (!last.isEmpty()) {
      parts.add(last);
    }
    return parts;
  }

  private static void add(List<String> out, List<Integer> at, String line, int docLine) {
    out.add(line);
    at.add(docLine);
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** Compiles every unit in one compiler run into {@code classes}; the problems, each at its Markdown line. */
  static List<Problem> compile(List<Unit> units, List<Path> classPath, Path classes) throws IOException {
    JavaCompiler compiler = requireNonNull(ToolProvider.getSystemJavaCompiler(), "no system Java compiler: run the tests on a JDK");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<URI, Unit> byUri = new LinkedHashMap<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (Unit u : units) {
      URI uri = URI.create("string:///" + u.packageName().replace('.', '/') + "/" + u.fileName() + ".java");
      byUri.put(uri, u);
      sources.add(
          new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return u.source();
            }
          });
    }
    List<String> options =
        List.of(
            "--release", "17",
            "-proc:none",
            "-Xlint:none",
            "-nowarn",
            "-encoding", "UTF-8",
            "-d", classes.toString(),
            "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiler.getTask(null, files, diagnostics, options, null, sources).call();
    }
    List<Problem> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Unit u = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
      String message = d.getMessage(Locale.ROOT);
      if (u == null) {
        problems.add(new Problem("(compiler)", message));
        continue;
      }
      int line = (int) d.getLineNumber();
      int docLine = line >= 1 && line <= u.docLines().size() ? u.docLines().get(line - 1) : 0;
      String where = u.snippet().displayName() + ":" + (docLine > 0 ? docLine : u.snippet().firstLine());
      String code = line >= 1 && line <= u.lines().size() ? u.lines().get(line - 1).strip() : "";
      StringBuilder text = new StringBuilder(message.lines().findFirst().orElse(message));
      message.lines().map(String::strip).filter(l -> l.startsWith("symbol:")).forEach(l -> text.append(" (").append(l).append(')'));
      if (!code.isEmpty()) {
        text.append("\n    ").append(code);
      }
      Matcher missing = MISSING_PACKAGE.matcher(message);
      if (missing.find()) {
        text.append("\n    (package ").append(missing.group(1)).append(" is not on this test's class path: ")
            .append(moduleHint(missing.group(1))).append(")");
      }
      text.append("\n    (snippet at ").append(u.snippet().where()).append(")");
      problems.add(new Problem(where, text.toString()));
    }
    return problems;
  }

  /** Which dependency of examples/pom.xml a missing package calls for. */
  static String moduleHint(String pkg) {
    if (pkg.startsWith("io.statuskit.")) {
      String first = pkg.substring("io.statuskit.".length()).split("\\.")[0];
      String module = first.equals("spring") ? "status-spring-boot-starter" : "status-" + first.replace('_', '-');
      return "add the StatusKit module that holds it (" + module + "?) to examples/pom.xml"
          + " as a test dependency, or fix the import";
    }
    return "the snippet needs a library that no module here depends on: add it to examples/pom.xml"
        + " as a test dependency, or fix the import";
  }

  /**
   * The test's class path. Surefire may hand the JVM a manifest-only jar; its {@code Class-Path}
   * then lists the entries.
   */
  static List<Path> testClassPath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry);
      entries.add(path);
      if (path.getFileName().toString().startsWith("surefirebooter") && path.toString().endsWith(".jar")) {
        entries.addAll(manifestClassPath(path));
      }
    }
    return entries;
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      List<Path> entries = new ArrayList<>();
      if (classPath != null) {
        for (String url : classPath.trim().split("\\s+")) {
          entries.add(Path.of(jar.toAbsolutePath().toUri().resolve(url)));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the class path from " + jar, e);
    }
  }
}

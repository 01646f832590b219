package io.statuskit.examples.export;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.StatusBoard;
import io.statuskit.examples.server.Document;
import io.statuskit.examples.server.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes every path of a {@link Site} for one board as files under a directory: {@code ""} as
 * {@code index.html}, directory pages such as {@code servers/NC027/} as {@code
 * servers/NC027/index.html}, feeds and API documents under their own names. Each file is written
 * to a temporary name and moved into place, so a web server serving the directory never shows a
 * half-written file. Thread-safe (stateless).
 */
public final class StaticExport {
  private StaticExport() {}

  /**
   * Writes the site.
   *
   * @return how many files were written
   * @throws IOException if a file cannot be written
   * @throws IllegalStateException if a path of the site has no document
   */
  public static int write(Site site, StatusBoard board, Path out) throws IOException {
    requireNonNull(site, "site");
    requireNonNull(board, "board");
    Path root = out.toAbsolutePath().normalize();
    Files.createDirectories(root);
    int written = 0;
    for (String path : site.paths(board)) {
      Document document =
          site.get(board, path, ImmutableMap.of())
              .orElseThrow(() -> new IllegalStateException("export: the site lists " + path + " but has no document for it"));
      Path file = root.resolve(fileName(path)).normalize();
      if (!file.startsWith(root)) {
        throw new IllegalStateException("export: path " + path + " leaves the output directory");
      }
      Files.createDirectories(requireNonNull(file.getParent()));
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, document.body());
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written++;
    }
    return written;
  }

  /** The file a site path is written to, relative to the output directory. */
  public static String fileName(String path) {
    return path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
  }
}

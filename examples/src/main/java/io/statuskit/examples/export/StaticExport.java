package io.statuskit.examples.export;

import static java.util.Objects.requireNonNull;

import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.StatusSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes every path of a {@link StatusSite} as files under a directory: {@code ""} as {@code
 * index.html}, directory pages such as {@code servers/NC027/} as {@code
 * servers/NC027/index.html}, feeds and API documents under their own names. Each file holds the
 * bytes the site answers a plain {@code GET} of its path with, so a web server serving the
 * directory sends what {@code serve} sends. Each file is written to a temporary name and moved
 * into place, so a web server never shows a half-written file. Thread-safe (stateless).
 */
public final class StaticExport {
  private StaticExport() {}

  /**
   * Writes the site.
   *
   * @return how many files were written
   * @throws IOException if a file cannot be written
   * @throws IllegalStateException if a path of the site does not answer 200
   */
  public static int write(StatusSite site, Path out) throws IOException {
    requireNonNull(site, "site");
    Path root = out.toAbsolutePath().normalize();
    Files.createDirectories(root);
    String basePath = site.settings().basePath();
    int written = 0;
    for (String path : site.paths()) {
      PageResponse response = site.handle(PageRequest.get(basePath + path));
      if (response.status() != 200) {
        throw new IllegalStateException("export: the site lists " + path + " but answers it " + response.status());
      }
      Path file = root.resolve(fileName(path)).normalize();
      if (!file.startsWith(root)) {
        throw new IllegalStateException("export: path " + path + " leaves the output directory");
      }
      Files.createDirectories(requireNonNull(file.getParent()));
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, response.body());
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

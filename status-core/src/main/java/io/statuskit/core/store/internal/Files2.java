package io.statuskit.core.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** File system steps the journal needs beyond java.nio.file.Files. */
final class Files2 {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private Files2() {}

  /**
   * Makes a directory's entries durable (files created, renamed or deleted in it). On Windows,
   * where a directory cannot be opened as a channel, this does nothing.
   */
  static void fsyncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}

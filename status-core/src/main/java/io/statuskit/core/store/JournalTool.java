package io.statuskit.core.store;

import io.statuskit.core.json.StatusJsonException;
import io.statuskit.core.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's command line for a journal directory; stop the application that uses the
 * directory first (the tool takes the same lock).
 *
 * <pre>
 * java -cp status-core.jar:... io.statuskit.core.store.JournalTool check    DIR
 * java -cp status-core.jar:... io.statuskit.core.store.JournalTool truncate DIR
 * java -cp status-core.jar:... io.statuskit.core.store.JournalTool export   DIR FILE|-
 * java -cp status-core.jar:... io.statuskit.core.store.JournalTool import   FILE DIR
 * </pre>
 *
 * <ul>
 *   <li>{@code check} opens the journal as the application would (cutting a torn tail, which is
 *       always safe) and prints the recovery report; it fails, naming file and offset, on
 *       corruption.
 *   <li>{@code truncate} opens it with {@link JournalStatusStore.Options#truncateAtCorruption()}:
 *       keeps everything before the first corrupt record, moves the rest into {@code .corrupt}
 *       files, and prints what it cut.
 *   <li>{@code export} writes the board as a {@code statuskit/1} JSON backup; {@code import}
 *       creates a journal in an empty directory from such a backup.
 * </ul>
 *
 * <p>Exit status: 0 done, 1 failed (the message says why), 2 wrong usage. Not thread-safe; meant
 * to run as its own process.
 */
public final class JournalTool {
  private JournalTool() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the tool.
   *
   * @return the exit status: 0 done, 1 failed, 2 wrong usage
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      return usage(err);
    }
    try {
      switch (args[0]) {
        case "check":
          return open(Path.of(args[1]), JournalStatusStore.Options.defaults(), out);
        case "truncate":
          return open(Path.of(args[1]), JournalStatusStore.options().truncateAtCorruption(true).build(), out);
        case "export":
          if (args.length != 3) {
            return usage(err);
          }
          try (JournalStatusStore store = JournalStatusStore.open(Path.of(args[1]))) {
            if (args[2].equals("-")) {
              store.exportTo(out);
            } else {
              try (OutputStream file = Files.newOutputStream(Path.of(args[2]))) {
                store.exportTo(file);
              }
              out.println("exported version " + store.load().version() + " to " + args[2]);
            }
          }
          return 0;
        case "import":
          if (args.length != 3) {
            return usage(err);
          }
          try (InputStream file = Files.newInputStream(Path.of(args[1]));
              JournalStatusStore store = JournalStatusStore.importFrom(file, Path.of(args[2]), JournalStatusStore.Options.defaults())) {
            out.println("imported version " + store.load().version() + " into " + store.directory());
          }
          return 0;
        default:
          return usage(err);
      }
    } catch (StoreException | StatusJsonException | IllegalStateException | IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int open(Path dir, JournalStatusStore.Options options, PrintStream out) {
    try (JournalStatusStore store = JournalStatusStore.open(dir, options)) {
      RecoveryReport report = store.recoveryReport();
      out.println("journal " + store.directory() + ": version " + store.load().version());
      out.println("snapshot: " + (report.snapshot() == null ? "none" : report.snapshot().getFileName() + " (version " + report.snapshotVersion() + ")"));
      out.println("events replayed: " + report.eventsReplayed());
      for (RecoveryReport.Truncation cut : report.truncations()) {
        out.println("cut " + cut.reason() + ": " + cut.file().getFileName() + " at offset " + cut.offset() + ", "
            + cut.droppedBytes() + " bytes: " + cut.detail());
      }
      for (String note : report.notes()) {
        out.println("note: " + note);
      }
      out.println(report.isClean() ? "clean" : "recovered with the cuts above");
    }
    return 0;
  }

  private static int usage(PrintStream err) {
    err.println("usage: JournalTool check DIR | truncate DIR | export DIR FILE|- | import FILE DIR");
    return 2;
  }
}

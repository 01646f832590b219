package io.statuskit.examples;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import io.statuskit.examples.check.CheckCommand;
import io.statuskit.examples.check.CheckReport;
import io.statuskit.examples.config.ConfigException;
import io.statuskit.examples.config.ExampleConfig;
import io.statuskit.examples.export.StaticExport;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.page.PingSource;
import io.statuskit.page.StatusSite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The examples' command line: {@code serve}, {@code check}, {@code migrate}, {@code import} and
 * {@code export}. {@link
 * #run(List, Map, PrintStream, PrintStream)} returns the exit code instead of exiting, so tests
 * run the commands in-process. Thread-safe (stateless).
 */
public final class StatusKitExamples {
  /** Exit code: all good. */
  public static final int OK = 0;

  /** Exit code: some server is degraded or down. */
  public static final int NOT_ALL_UP = 1;

  /** Exit code: {@code serve} or {@code export} could not run (a locked data directory, an I/O error). */
  public static final int FAILED = 1;

  /** Exit code: bad arguments or configuration. */
  public static final int BAD_CONFIG = 2;

  private static final String STORE_HELP =
      String.join(
          "\n",
          "STORE is postgresql://host:port/db?schema=x (user and password in the URL or PGUSER and",
          "PGPASSWORD), journal:/path or a directory; default: the journal in --data (statuskit-data).",
          "");

  private static final Map<String, String> COMMANDS =
      ImmutableMap.of(
          "serve",
          String.join(
              "\n",
              "usage: java -jar statuskit-examples.jar serve [--port 8080] [--bind 127.0.0.1] [--config FILE]",
              "           [--data DIR] [--store STORE] [--templates DIR] [--no-probes]",
              "",
              "Serves the status page (the NinerNet sample when no --config is given). The admin API is on",
              "when STATUSKIT_ADMIN_TOKEN (or admin.token in the config) is set. --no-probes sends no probes:",
              "the probed servers stay as the board has them (no live Ping column; for benchmarks and frozen",
              "boards), while heartbeat servers, which send no probes, are still watched (/heartbeat/...).",
              STORE_HELP),
          "check",
          String.join(
              "\n",
              "usage: java -jar statuskit-examples.jar check --config FILE [--format table|json] [--store STORE]",
              "",
              "Probes every configured server once; exit 0 all up, 1 degraded or down, 2 bad config. With a",
              "store, records each server's result on the board there.",
              STORE_HELP),
          "migrate",
          String.join(
              "\n",
              "usage: java -jar statuskit-examples.jar migrate --from STORE --to STORE [--force]",
              "",
              "Copies the board of one store into another (a journal into PostgreSQL or back). A target",
              "that holds a board is refused unless --force, which replaces it.",
              STORE_HELP),
          "import",
          String.join(
              "\n",
              "usage: java -jar statuskit-examples.jar import --from DIR|FILE [--data DIR] [--store STORE] [--force]",
              "",
              "Reads a Statuspage v2 export into the store: DIR holds any of summary.json, components.json,",
              "incidents.json and scheduled-maintenances.json (or FILE is one of them). Components become",
              "servers (component groups their group), incidents and scheduled maintenances become posts.",
              "Prints what was read and what the model cannot carry. A store that holds a board is refused",
              "unless --force, which replaces it. Then `serve` with the same --data or --store shows it.",
              STORE_HELP),
          "export",
          String.join(
              "\n",
              "usage: java -jar statuskit-examples.jar export --out DIR [--config FILE] [--data DIR] [--templates DIR]",
              "",
              "Writes the whole page as static files.",
              ""));

  private static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar statuskit-examples.jar <command> [options]",
          "       java -jar statuskit-examples.jar <command> --help",
          "       java -jar statuskit-examples.jar --version",
          "",
          "  serve  [--port 8080] [--bind 127.0.0.1] [--config FILE] [--data DIR] [--store STORE] [--templates DIR]",
          "         [--no-probes]",
          "         serve the status page (the NinerNet sample when no --config is given)",
          "  check  --config FILE [--format table|json] [--store STORE]",
          "         probe every configured server once; exit 0 all up, 1 degraded or down, 2 bad config;",
          "         with a store, record each server's result there",
          "  migrate --from STORE --to STORE [--force]",
          "         copy the board of one store into another (journal to PostgreSQL or back);",
          "         a target that holds a board is refused unless --force (which replaces it)",
          "  import --from DIR|FILE [--data DIR] [--store STORE] [--force]",
          "         read a Statuspage v2 export (summary.json, incidents.json, scheduled-maintenances.json)",
          "         into the store, reporting what was read and what the model cannot carry",
          "  export --out DIR [--config FILE] [--data DIR] [--templates DIR]",
          "         write the whole page as static files",
          "",
          "The admin API is on when STATUSKIT_ADMIN_TOKEN (or admin.token in the config) is set.",
          STORE_HELP);

  private StatusKitExamples() {}

  /** Runs a command and exits with its code; {@code serve} runs until the JVM is stopped. */
  public static void main(String[] args) {
    int code = run(ImmutableList.copyOf(args), System.getenv(), System.out, System.err);
    if (code != OK || args.length == 0 || !args[0].equals("serve")) {
      System.exit(code);
    }
    // The server's threads are daemons (as are the monitor's, heartbeats included): keep the JVM up
    // until it is stopped (Ctrl-C, SIGTERM), when the shutdown hook closes the page.
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a command.
   *
   * @param args the arguments, command first
   * @param env the environment ({@code STATUSKIT_ADMIN_TOKEN})
   * @param out where results go
   * @param err where errors and usage go
   * @return the exit code
   */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.print(USAGE);
      return BAD_CONFIG;
    }
    String command = args.get(0);
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      out.print(args.size() > 1 && COMMANDS.containsKey(args.get(1)) ? COMMANDS.get(args.get(1)) : USAGE);
      return OK;
    }
    if (command.equals("--version")) {
      out.println("statuskit-examples " + version());
      return OK;
    }
    List<String> options = args.subList(1, args.size());
    if (COMMANDS.containsKey(command)) {
      if (options.contains("--help") || options.contains("-h")) {
        out.print(COMMANDS.get(command));
        return OK;
      }
      if (options.contains("--version")) {
        out.println("statuskit-examples " + version());
        return OK;
      }
    }
    try {
      switch (args.get(0)) {
        case "serve":
          return serve(
              Arguments.parse(options, ImmutableSet.of("port", "bind", "config", "data", "store", "templates"), ImmutableSet.of("no-probes")),
              env,
              err);
        case "check":
          return check(Arguments.parse(options, ImmutableSet.of("config", "format", "store")), env, out, err);
        case "migrate":
          return migrate(Arguments.parse(options, ImmutableSet.of("from", "to"), ImmutableSet.of("force")), env, out, err);
        case "import":
          return importStatuspage(
              Arguments.parse(options, ImmutableSet.of("from", "data", "store"), ImmutableSet.of("force")), env, out, err);
        case "export":
          return export(Arguments.parse(options, ImmutableSet.of("out", "config", "data", "templates")), out, err);
        default:
          err.println("error: unknown command \"" + command + "\" (known: serve, check, migrate, import, export; see --help)");
          return BAD_CONFIG;
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    } catch (MissingConfigException e) {
      err.println("error: config file not found: " + e.getMessage());
      return BAD_CONFIG;
    }
  }

  /** The version of the examples, from the jar's manifest or the build's version resource. */
  static String version() {
    String fromManifest = StatusKitExamples.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = StatusKitExamples.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through: an unreadable resource is an unknown version, not a failed command
    }
    return "unknown";
  }

  /** Thrown before anything starts when the {@code --config} file does not exist. */
  private static final class MissingConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingConfigException(Path file) {
      super(file.toString());
    }
  }

  private static @Nullable Path configFile(Arguments arguments) {
    Path file = arguments.get("config").map(Path::of).orElse(null);
    if (file != null && !Files.exists(file)) {
      throw new MissingConfigException(file);
    }
    return file;
  }

  private static int serve(Arguments arguments, Map<String, String> env, PrintStream err) {
    StatusPageApp.ServeOptions options =
        new StatusPageApp.ServeOptions(
            arguments.port("port", 8080),
            arguments.get("bind").orElse("127.0.0.1"),
            configFile(arguments),
            Path.of(arguments.get("data").orElse("statuskit-data")),
            arguments.get("templates").map(Path::of).orElse(null),
            env.get("STATUSKIT_ADMIN_TOKEN"),
            !arguments.flag("no-probes"),
            Clock.systemUTC());
    options = options.withStore(arguments.get("store").orElse(null), env);
    StatusPageApp app;
    try {
      app = StatusPageApp.start(options);
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    } catch (IOException | StoreException e) {
      err.println("error: cannot start the page: " + e.getMessage());
      return FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "statuskit-shutdown"));
    err.println("StatusKit example page on " + app.url() + " (Ctrl-C to stop)");
    return OK;
  }

  private static int check(Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err) {
    String format = arguments.get("format").orElse("table");
    if (!format.equals("table") && !format.equals("json")) {
      err.println("error: option --format must be table or json: \"" + format + "\"");
      return BAD_CONFIG;
    }
    Path file = configFile(arguments);
    if (file == null) {
      throw new IllegalArgumentException("check needs --config FILE");
    }
    ExampleConfig config;
    try {
      config = ExampleConfig.load(file, 8080, env);
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    }
    String storeText = arguments.get("store").orElse(config.store());
    StoreLocation store = storeText == null ? null : StoreLocation.parse(storeText, env);
    MonitorConfig servers = requireNonNull(config.servers());
    CheckReport report;
    try (ProbeEngine engine = ProbeEngine.create()) {
      report = CheckCommand.check(servers, engine);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return FAILED;
    }
    out.print(format.equals("json") ? report.json() : report.table());
    out.flush();
    if (!servers.heartbeats().isEmpty()) {
      err.println(
          "skipped " + servers.heartbeats().size() + " heartbeat server(s), which ping a running serve instead of being probed");
    }
    if (store != null) {
      try (StatusTracker tracker = StatusTracker.builder().clock(Clock.systemUTC()).store(store.open()).build()) {
        int recorded = CheckCommand.record(report, tracker);
        err.println("recorded " + recorded + " server statuses in " + store.describe());
      } catch (StoreException e) {
        err.println("error: cannot record the results in " + store.describe() + ": " + e.getMessage());
        return FAILED;
      }
    }
    return report.exitCode();
  }

  private static int migrate(Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err) {
    StoreLocation from =
        StoreLocation.parse(
            arguments.get("from").orElseThrow(() -> new IllegalArgumentException("migrate needs --from STORE")), env);
    StoreLocation to =
        StoreLocation.parse(arguments.get("to").orElseThrow(() -> new IllegalArgumentException("migrate needs --to STORE")), env);
    try {
      Migration.Report report = Migration.copy(from, to, arguments.flag("force"));
      out.println(
          "copied board version " + report.version() + " (" + report.servers() + " servers, " + report.incidents()
              + " incidents, " + report.bytes() + " bytes) from " + from.describe() + " to " + to.describe());
      return OK;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (IOException | java.sql.SQLException | StoreException e) {
      err.println("error: cannot migrate: " + e.getMessage());
      return FAILED;
    }
  }

  private static int importStatuspage(Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err) {
    Path from =
        arguments.get("from").map(Path::of).orElseThrow(() -> new IllegalArgumentException("import needs --from DIR|FILE"));
    StoreLocation to =
        arguments
            .get("store")
            .map(text -> StoreLocation.parse(text, env))
            .orElseGet(() -> new StoreLocation.Journal(Path.of(arguments.get("data").orElse("statuskit-data"))));
    try {
      StatuspageImport.Report report = StatuspageImport.read(from);
      for (String line : report.lines()) {
        out.println(line);
      }
      Migration.Report written = Migration.write(report.board(), to, arguments.flag("force"));
      out.println(
          "wrote board version " + written.version() + " (" + written.servers() + " servers, " + written.incidents()
              + " incidents and maintenances) to " + to.describe());
      return OK;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (IOException | java.sql.SQLException | StoreException e) {
      err.println("error: cannot import: " + e.getMessage());
      return FAILED;
    }
  }

  private static int export(Arguments arguments, PrintStream out, PrintStream err) {
    Path target =
        arguments.get("out").map(Path::of).orElseThrow(() -> new IllegalArgumentException("export needs --out DIR"));
    Path data = Path.of(arguments.get("data").orElse("statuskit-data"));
    Clock clock = Clock.systemUTC();
    try {
      ExampleConfig config =
          configFile(arguments) != null
              ? ExampleConfig.load(requireNonNull(configFile(arguments)), 8080)
              : ExampleConfig.sample(8080);
      try (StatusTracker tracker = Wiring.openTracker(data, config.servers() == null, clock)) {
        StatusBoard board = tracker.board();
        StatusSite site =
            Wiring.site(config, () -> board, arguments.get("templates").map(Path::of).orElse(null), PingSource.none(), clock, false);
        int files = StaticExport.write(site, target);
        out.println("wrote " + files + " files to " + target.toAbsolutePath().normalize());
        return OK;
      }
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return BAD_CONFIG;
    } catch (IOException | StoreException e) {
      err.println("error: cannot write the export: " + e.getMessage());
      return FAILED;
    }
  }
}

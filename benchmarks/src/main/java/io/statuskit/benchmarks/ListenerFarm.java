package io.statuskit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Local targets for the probe benchmarks, run in a process of their own so the benchmark JVM's
 * CPU time is the probing side's alone. {@code tcp N silent%}: N listeners on 127.77.x.y:7777
 * that accept, send {@code 220 ...\r\n} when asked for a banner, and close; the silent ones never accept and
 * have a full backlog, so a connect to them hangs until the prober gives up. {@code http}: one
 * JDK HTTP server answering 200. {@code tls KEYSTORE}: one TLS server that completes the
 * handshake and closes. Prints {@code READY} when listening; exits when stdin closes.
 *
 * <p>Single-threaded apart from the HTTP and TLS servers' pools; not meant for reuse.
 */
public final class ListenerFarm {
  /** The port every TCP listener uses; each has its own 127.77.x.y address. */
  public static final int PORT = 7777;

  private static final byte[] BANNER = "220 bench.example.net ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII);

  private ListenerFarm() {}

  /** The address of listener {@code index}: 127.77.(index / 250).(index % 250 + 1). */
  public static InetSocketAddress address(int index) {
    byte[] ip = {127, 77, (byte) (index / 250), (byte) (index % 250 + 1)};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), PORT);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether listener {@code index} is one of the silent ones, for a given percentage. */
  public static boolean isSilent(int index, int silentPercent) {
    return silentPercent > 0 && index % 100 < silentPercent;
  }

  /**
   * Runs the farm.
   *
   * @param args {@code tcp COUNT SILENT_PERCENT BANNER(true|false)}, {@code http} or {@code tls
   *     KEYSTORE PASSWORD}; HTTP and TLS farms listen on a free port of 127.0.0.1 and print it
   */
  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(ListenerFarm::exitWhenStdinCloses, "stdin-watch");
    watchdog.setDaemon(true);
    watchdog.start();
    switch (args[0]) {
      case "tcp":
        tcp(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]));
        break;
      case "http":
        http();
        break;
      case "tls":
        tls(Path.of(args[1]), args[2].toCharArray());
        break;
      default:
        throw new IllegalArgumentException("mode: tcp, http or tls, not " + args[0]);
    }
  }

  private static void exitWhenStdinCloses() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // wait for EOF
      }
    } catch (IOException e) {
      // the parent is gone either way
    }
    System.exit(0);
  }

  private static void tcp(int count, int silentPercent, boolean banner) throws IOException {
    Selector selector = Selector.open();
    List<SocketChannel> fillers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ServerSocketChannel server = ServerSocketChannel.open();
      server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
      if (isSilent(i, silentPercent)) {
        server.bind(address(i), 1);
        // Fill the accept queue so further SYNs are dropped and connects hang.
        for (int f = 0; f < 3; f++) {
          SocketChannel filler = SocketChannel.open();
          filler.configureBlocking(false);
          filler.connect(address(i));
          fillers.add(filler);
        }
      } else {
        server.bind(address(i), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
      }
    }
    System.out.println("READY tcp " + count + " silent=" + silentPercent + "% fillers=" + fillers.size());
    System.out.flush();
    while (true) {
      selector.select();
      Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        SocketChannel client;
        while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
          // Greet (or not) and close at once: each connection holds a descriptor only briefly,
          // so 10,000 listeners and their connections stay under the descriptor limit.
          try (SocketChannel accepted = client) {
            if (banner) {
              accepted.write(ByteBuffer.wrap(BANNER));
            }
          } catch (IOException e) {
            // the prober may already have gone; that is its business
          }
        }
      }
    }
  }

  private static void http() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    byte[] body = "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.US_ASCII);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.start();
    System.out.println("READY http " + server.getAddress().getPort());
    System.out.flush();
  }

  private static void tls(Path keystore, char[] password) throws Exception {
    System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    System.out.println("READY tls " + server.getLocalPort());
    System.out.flush();
    while (true) {
      SSLSocket socket = (SSLSocket) server.accept();
      pool.execute(() -> serveTls(socket));
    }
  }

  private static void serveTls(SSLSocket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      // No resumption: every client handshake is a full one, as a probe's first contact is.
      socket.getSession().invalidate();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // drain until the client closes
      }
    } catch (IOException e) {
      // clients close abruptly after the handshake; that is what they do
    }
  }

  /**
   * Starts a farm in a child JVM on this JVM's class path and waits until it listens.
   *
   * @param jvmOptions options for the child JVM, such as system properties
   * @param args the farm's arguments, as for {@link #main}
   */
  public static Handle start(List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ListenerFarm.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      return new Handle(process, awaitReady(process));
    } catch (IOException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** A running farm; closing it stops the child process. Not thread-safe. */
  public static final class Handle implements AutoCloseable {
    private final Process process;
    private final String ready;

    private Handle(Process process, String ready) {
      this.process = process;
      this.ready = ready;
    }

    /** The port an HTTP or TLS farm listens on (the last word of its READY line). */
    public int port() {
      return Integer.parseInt(ready.substring(ready.lastIndexOf(' ') + 1));
    }

    /** Closing stdin makes the farm exit; it is killed if it has not after 5 s. */
    @Override
    public void close() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // it is going anyway
      }
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Reads the farm's first line, which is {@code READY ...} once it listens. */
  static String awaitReady(Process process) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || !line.startsWith("READY")) {
      throw new IOException("listener farm did not start: " + line);
    }
    return line;
  }
}

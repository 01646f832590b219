package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.notify.Channel;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import io.statuskit.notify.WebhookSignature;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three notifiers in three JVMs ({@link NotifyNode}) on one PostgreSQL schema (one board store,
 * one notification store), webhook subscribers on a real HTTP receiver on 127.0.0.1 that records
 * every request's idempotency key and sender. The test's own tracker runs the commands, and puts
 * the subscribers straight into the notification store (the nodes find them there).
 *
 * <ul>
 *   <li>Steady state: one node sends, every heard event reaches each subscriber exactly once, in
 *       order, from that one node.
 *   <li>SIGKILL of the lease holder, while commands go on, {@code -Dstatuskit.pg.notifyKills=N}
 *       times (default 2), a new node started after each: another node takes the lease over
 *       within about the lease time, every heard event reaches every subscriber at least once,
 *       each node's requests are in order per subscriber, and a duplicate is always one that a
 *       killed node had sent.
 * </ul>
 */
class MultiNodeNotifyTest {
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private final List<Process> processes = new ArrayList<>();
  private String schema = "";
  private @Nullable ServerSocket server;

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void cleanUp() {
    processes.forEach(Process::destroyForcibly);
    ServerSocket running = server;
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    if (!schema.isEmpty()) {
      TestDatabase.drop(schema);
    }
  }

  /** A request as received. */
  record Received(String path, String key, String node, Instant at) {
    String subscriber() {
      return key.substring(0, key.lastIndexOf(':'));
    }

    long version() {
      return Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
    }
  }

  private final CopyOnWriteArrayList<Received> received = new CopyOnWriteArrayList<>();

  private URI startReceiver() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    server = socket;
    ExecutorService threads = Executors.newCachedThreadPool();
    threads.execute(() -> {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          threads.execute(() -> serve(connection));
        } catch (IOException e) {
          return;
        }
      }
    });
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** A plain HTTP/1.1 exchange loop: request line, headers, a Content-Length body; 200 with keep-alive. */
  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (true) {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          int colon = h.indexOf(':');
          headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.readNBytes(length);
        // "StatusKit-Notify/1 (+https://status.example.net/<node>/)"
        String node = headers.getOrDefault("user-agent", "").replaceAll(".*status\\.example\\.net/([^/]+)/.*", "$1");
        Thread.sleep(5); // a receiver that takes a moment, so kills find requests in flight
        received.add(new Received(requestLine.split(" ")[1],
            headers.getOrDefault(WebhookSignature.IDEMPOTENCY_HEADER.toLowerCase(Locale.ROOT), "?:0"), node, Instant.now()));
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private static @Nullable String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  /** A node's process. */
  private record Node(String name, Process process) {}

  private Node startNode(String name, Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                NotifyNode.class.getName(), TestDatabase.url(), schema, name, Long.toString(LEASE.toMillis()))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
            .start();
    processes.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("%s started (log: %s)", name, tail(dir.resolve(name + ".log"))).isEqualTo("READY " + name);
    return new Node(name, process);
  }

  @Test
  void oneNodeSendsEachNotificationAndAnotherTakesOverAfterASigkillLosingNothing(@TempDir Path dir) throws Exception {
    schema = TestDatabase.newSchema();
    int kills = Integer.getInteger("statuskit.pg.notifyKills", 2);
    URI receiver = startReceiver();
    PostgresStatusStore board = TestDatabase.store(schema).build();
    try (StatusTracker tracker = StatusTracker.builder().store(board).build();
        PostgresNotificationStore subscriptions = PostgresNotificationStore.builder().url(TestDatabase.url()).schema(schema).build()) {
      tracker.addServer(Server.builder("NC027").name("Mail server").build());
      tracker.addServer(Server.builder("NC028").name("Web server").build());
      tracker.addServer(Server.builder("NC099").name("Backup").internal().build());
      tracker.observe("NC027", Status.OPERATIONAL);
      tracker.observe("NC028", Status.OPERATIONAL);
      tracker.observe("NC099", Status.OPERATIONAL);
      long since = tracker.board().version();
      Map<String, Topics> topics = new LinkedHashMap<>();
      topics.put("wh_everything1", Topics.everything());
      topics.put("wh_everything2", Topics.everything());
      topics.put("wh_webserver01", Topics.everything().withServers(List.of("NC028")));
      for (Map.Entry<String, Topics> t : topics.entrySet()) {
        subscriptions.put(new Subscriber(t.getKey(),
            new Channel.Webhook(receiver.resolve("/" + t.getKey()), WebhookFormat.STATUSPAGE, "whsec_0123456789abcdef"),
            t.getValue(), true, since, Instant.now(), "token-0123456789abcdef"));
      }
      Map<String, List<Long>> heard = new HashMap<>();
      topics.keySet().forEach(id -> heard.put(id, new ArrayList<>()));

      List<Node> nodes = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        nodes.add(startNode("n" + n, dir));
      }
      String first = awaitHolder(Optional.empty());

      // steady state: no kills, so exactly once, from one node
      int round = 0;
      for (; round < 10; round++) {
        round(tracker, round, heard);
      }
      long steadyLast = tracker.board().version();
      awaitCursors(topics.keySet(), steadyLast);
      Thread.sleep(500); // anything more that arrives now would be a double send
      List<Received> steady = new ArrayList<>(received);
      for (String id : topics.keySet()) {
        List<Long> versions = steady.stream().filter(r -> r.subscriber().equals(id)).map(Received::version).toList();
        assertThat(versions).as("%s: each heard event exactly once, in order", id).isEqualTo(heard.get(id));
      }
      assertThat(steady).as("requests before any kill").isNotEmpty()
          .allSatisfy(r -> assertThat(r.node()).as("the sender").isEqualTo(first));

      // kills: the holder dies with SIGKILL while commands go on
      Set<String> killed = new HashSet<>();
      String holder = first;
      int started = nodes.size();
      for (int k = 0; k < kills; k++) {
        String victim = holder;
        Node node = nodes.stream().filter(x -> x.name().equals(victim)).findFirst().orElseThrow();
        for (int i = 0; i < 3; i++, round++) {
          round(tracker, round, heard);
        }
        node.process().destroyForcibly();
        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        long killedAt = System.nanoTime();
        killed.add(victim);
        nodes.remove(node);
        for (int i = 0; i < 3; i++, round++) {
          round(tracker, round, heard);
        }
        holder = awaitHolder(Optional.of(victim));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("kill " + (k + 1) + ": " + victim + " killed, " + holder + " took over after " + takeover.toMillis() + " ms");
        // the lease runs out LEASE after its last renewal (at most LEASE before the kill); the
        // others ask every LEASE / 3; generous for a loaded machine
        assertThat(takeover).as("takeover after the kill of %s", victim).isLessThan(LEASE.multipliedBy(3).plusSeconds(5));
        nodes.add(startNode("n" + started++, dir));
      }
      for (int i = 0; i < 3; i++, round++) {
        round(tracker, round, heard);
      }
      long last = tracker.board().version();
      awaitCursors(topics.keySet(), last);
      Thread.sleep(500);

      List<Received> all = new ArrayList<>(received);
      for (String id : topics.keySet()) {
        List<Received> mine = all.stream().filter(r -> r.subscriber().equals(id)).toList();
        assertThat(new TreeSet<>(mine.stream().map(Received::version).toList()))
            .as("%s: every heard event at least once, nothing else", id).isEqualTo(new TreeSet<>(heard.getOrDefault(id, List.of())));
        Map<String, List<Long>> byNode = new LinkedHashMap<>();
        Map<Long, List<String>> senders = new HashMap<>();
        for (Received r : mine) {
          byNode.computeIfAbsent(r.node(), x -> new ArrayList<>()).add(r.version());
          senders.computeIfAbsent(r.version(), x -> new ArrayList<>()).add(r.node());
        }
        byNode.forEach((n, versions) -> assertThat(versions).as("%s: in order from %s", id, n).isSorted());
        senders.forEach((version, from) -> {
          if (from.size() > 1) {
            assertThat(from).as("%s: %s sent more than once, so around a kill (killed: %s)", id, version, killed)
                .anyMatch(killed::contains);
          }
        });
        long duplicates = senders.values().stream().filter(f -> f.size() > 1).count();
        System.out.println(id + ": " + heard.getOrDefault(id, List.of()).size() + " heard, " + mine.size() + " requests, " + duplicates
            + " sent twice; by node " + byNode.keySet());
      }
      for (Node node : nodes) {
        node.process().getOutputStream().close(); // a clean stop
      }
      for (Node node : nodes) {
        assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
    }
    board.close();
  }

  /** An incident on NC027 (three events), NC028 down and up, NC099 (internal) down and up. */
  private static void round(StatusTracker tracker, int i, Map<String, List<Long>> heard) {
    Incident incident = tracker.openIncident(
        OpenIncident.incident("NC027: Mail server down " + i).affecting("NC027", Status.MAJOR_OUTAGE).body("Looking.").build());
    hear(tracker, heard, "wh_everything1", "wh_everything2");
    tracker.postUpdate(incident.id(), IncidentState.IDENTIFIED, Body.plain("Found it."));
    hear(tracker, heard, "wh_everything1", "wh_everything2");
    tracker.resolve(incident.id(), Body.plain("Fixed."));
    hear(tracker, heard, "wh_everything1", "wh_everything2");
    tracker.observe("NC028", Status.PARTIAL_OUTAGE);
    hear(tracker, heard, "wh_everything1", "wh_everything2", "wh_webserver01");
    tracker.observe("NC028", Status.OPERATIONAL);
    hear(tracker, heard, "wh_everything1", "wh_everything2", "wh_webserver01");
    tracker.observe("NC099", Status.MAJOR_OUTAGE);
    tracker.observe("NC099", Status.OPERATIONAL);
  }

  private static void hear(StatusTracker tracker, Map<String, List<Long>> heard, String... ids) {
    for (String id : ids) {
      heard.computeIfAbsent(id, x -> new ArrayList<>()).add(tracker.board().version());
    }
  }

  /** Waits for a lease holder other than {@code not}, whose lease has not expired. */
  private String awaitHolder(Optional<String> not) throws Exception {
    String[] holder = new String[1];
    BooleanSupplier found = () -> {
      try (Connection c = TestDatabase.connect();
          PreparedStatement p = c.prepareStatement(
              "SELECT holder FROM " + schema + ".notify_leases WHERE name = 'sender' AND expires_at > clock_timestamp()");
          ResultSet rows = p.executeQuery()) {
        if (rows.next() && !not.equals(Optional.of(rows.getString(1)))) {
          holder[0] = rows.getString(1);
          return true;
        }
        return false;
      } catch (java.sql.SQLException e) {
        return false; // the table appears when the first node migrated
      }
    };
    assertThat(await(WAIT, found)).as("a lease holder other than %s", not).isTrue();
    return holder[0];
  }

  private void awaitCursors(Set<String> ids, long version) throws Exception {
    BooleanSupplier done = () -> {
      try (Connection c = TestDatabase.connect();
          PreparedStatement p = c.prepareStatement(
              "SELECT count(*) FROM " + schema + ".notify_subscribers WHERE delivered_through >= ?")) {
        p.setLong(1, version);
        try (ResultSet rows = p.executeQuery()) {
          rows.next();
          return rows.getInt(1) == ids.size();
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    };
    assertThat(await(WAIT, done)).as("every cursor reached %s", version).isTrue();
  }

  private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static String tail(Path log) {
    try {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    } catch (IOException e) {
      return e.toString();
    }
  }
}

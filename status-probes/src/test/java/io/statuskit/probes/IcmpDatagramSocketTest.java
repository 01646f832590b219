package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The unprivileged path of the {@code icmp} probe: an ICMP datagram socket, which the kernel
 * allows when the process's group is within {@code net.ipv4.ping_group_range}, a sysctl of each
 * network namespace. The tests run as root, which would take the raw-socket path, so this test
 * makes a network namespace, admits one group there, and runs the probe in a child JVM inside it
 * as user and group 65534 ({@code nobody}) with no capabilities at all ({@code setpriv}). The
 * child pings 127.0.0.1 and ::1 on the namespace's loopback, the peer of a veth pair in a second
 * namespace of this test (IPv4 and IPv6), and an address of that link that nobody holds. Then,
 * with {@code ping_group_range} at {@code 1 0} (admitting nobody), the probe falls back and, since
 * the child cannot ping any other way either, reports {@code UNSUPPORTED} naming each thing that
 * is missing. Never an address outside the namespaces this test makes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IcmpDatagramSocketTest {
  private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 10_000);
  private static final String NS = "sk-icmpd" + SUFFIX;
  private static final String PEER_NS = "sk-icmpp" + SUFFIX;
  /** A /29 of the benchmarking range (RFC 2544) on the veth pair, and the documentation prefix for IPv6. */
  private static final String PEER = "198.18.152.2";
  private static final String NOBODY_HOLDS = "198.18.152.3";
  private static final String PEER6 = "2001:db8:152::2";
  private static final String NOBODY = "65534";

  private static @Nullable String skip;
  private static final List<List<String>> CLEANUP = new ArrayList<>();
  private static @Nullable Path work;
  private static String classpath = "";

  /** Runs a command, failing with its output when it fails or takes longer than 30 s. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process p = builder.start();
    // read on another thread so that a child that hangs cannot hold this one past the timeout
    java.util.concurrent.CompletableFuture<String> output =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out after 30 s: " + command);
    }
    String out;
    try {
      out = output.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("cannot read the output of " + command, e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(command + " failed (exit " + p.exitValue() + "): " + out.trim());
    }
    return out;
  }

  private static String ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("ip");
    command.addAll(List.of(args));
    return run(command);
  }

  private static @Nullable Path executable(String name) {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @BeforeAll
  static void makeNamespaceAndClasspath() {
    if (!"root".equals(System.getProperty("user.name"))) {
      skip = "not root: making network namespaces and dropping to another user needs it";
      return;
    }
    if (executable("ip") == null) {
      skip = "the ip command (Debian package iproute2) is missing";
      return;
    }
    if (executable("setpriv") == null) {
      skip = "the setpriv command (Debian package util-linux) is missing";
      return;
    }
    try {
      ip("netns", "add", NS);
      CLEANUP.add(List.of("netns", "del", NS));
      ip("netns", "add", PEER_NS);
      CLEANUP.add(List.of("netns", "del", PEER_NS));
      ip("-n", NS, "link", "set", "lo", "up");
      ip("-n", PEER_NS, "link", "set", "lo", "up");
      ip("-n", NS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1", "netns", PEER_NS);
      ip("-n", NS, "addr", "add", "198.18.152.1/29", "dev", "eth0");
      ip("-n", NS, "addr", "add", "2001:db8:152::1/64", "dev", "eth0", "nodad");
      ip("-n", NS, "link", "set", "eth0", "up");
      ip("-n", PEER_NS, "addr", "add", PEER + "/29", "dev", "eth1");
      ip("-n", PEER_NS, "addr", "add", PEER6 + "/64", "dev", "eth1", "nodad");
      ip("-n", PEER_NS, "link", "set", "eth1", "up");
      work = childClasspath();
    } catch (IOException | InterruptedException | RuntimeException e) {
      skip = "cannot make the network namespaces or the child's class path: " + e.getMessage();
    }
  }

  /**
   * A copy of this test's class path that user 65534 can read (the local Maven repository under
   * /root is not), and a home and temporary directory it can write (JNA unpacks its native part).
   */
  private static Path childClasspath() throws IOException {
    Path dir = Files.createTempDirectory("sk-icmp-child");
    Set<String> entries = new LinkedHashSet<>();
    for (String property : List.of("java.class.path", "jdk.module.path", "surefire.test.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        entries.addAll(List.of(value.split(File.pathSeparator)));
      }
    }
    List<String> copied = new ArrayList<>();
    int i = 0;
    for (String entry : entries) {
      Path from = Path.of(entry);
      if (entry.isBlank() || !Files.exists(from) || from.getFileName().toString().startsWith("surefire")) {
        continue;
      }
      Path to = dir.resolve("cp").resolve(i++ + "-" + from.getFileName());
      copy(from, to);
      copied.add(to.toString());
    }
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            return FileVisitResult.CONTINUE;
          }
        });
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    classpath = String.join(File.pathSeparator, copied);
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    for (List<String> command : CLEANUP) {
      try {
        ip(command.toArray(new String[0]));
      } catch (IOException | InterruptedException e) {
        System.err.println("cleanup: " + e.getMessage());
      }
    }
    Path dir = work;
    if (dir != null) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void pingGroupRange(String range) throws IOException, InterruptedException {
    run(List.of("ip", "netns", "exec", NS, "sh", "-c", "echo '" + range + "' > /proc/sys/net/ipv4/ping_group_range"));
    String now = run(List.of("ip", "netns", "exec", NS, "cat", "/proc/sys/net/ipv4/ping_group_range"));
    assertThat(now.trim().split("\\s+")).as("ping_group_range in %s", NS).containsExactly(range.split(" "));
  }

  /** What the child printed: "probe ADDRESS" and "raw ADDRESS" to their fields, "uid" to its fields. */
  private static Map<String, List<String>> child(String... addresses) throws IOException, InterruptedException {
    Path dir = java.util.Objects.requireNonNull(work);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String tmp = dir.resolve("home").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip", "netns", "exec", NS,
                "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
                java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Duser.home=" + tmp, "-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp,
                "-cp", classpath, IcmpChild.class.getName()));
    command.addAll(List.of(addresses));
    String out = run(command);
    System.out.println("child in " + NS + ":\n" + out);
    Map<String, List<String>> lines = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("uid")) {
        lines.put("uid", List.of(f).subList(1, f.length));
      } else if ((f[0].equals("probe") || f[0].equals("raw")) && f.length > 2) {
        lines.put(f[0] + " " + f[1], List.of(f).subList(2, f.length));
      }
    }
    assertThat(lines.get("uid")).as("the child's uid and effective capabilities; output:%n%s", out)
        .containsExactly(NOBODY, "0000000000000000");
    return lines;
  }

  /** The fields of one line of the child's output, failing when it printed none. */
  private static List<String> line(Map<String, List<String>> lines, String key) {
    List<String> fields = lines.get(key);
    assertThat(fields).as("the child's line \"%s\" in %s", key, lines).isNotNull();
    return java.util.Objects.requireNonNull(fields);
  }

  @Test
  void anUnprivilegedProcessPingsThroughADatagramSocketWherePingGroupRangeAdmitsIt() throws Exception {
    assumeTrue(skip == null, () -> "skipped: " + skip);
    pingGroupRange(NOBODY + " " + NOBODY);
    boolean v6 = Files.exists(Path.of("/proc/sys/net/ipv6"));
    List<String> addresses = new ArrayList<>(List.of("127.0.0.1", PEER, NOBODY_HOLDS));
    if (v6) {
      addresses.addAll(List.of("::1", PEER6));
    } else {
      System.out.println("IPv6 is off in this kernel: ::1 and " + PEER6 + " not pinged");
    }
    Map<String, List<String>> r = child(addresses.toArray(new String[0]));

    for (String up : List.of("127.0.0.1", PEER)) {
      assertThat(line(r, "probe " + up)).as(up).containsExactly("UP", "ICMP datagram socket", "3", "");
      assertThat(line(r, "raw " + up)).as("a raw socket for %s: the child has no CAP_NET_RAW", up)
          .containsExactly("refused", "ICMP echo is not available: a raw ICMP socket needs CAP_NET_RAW (errno 1); the ping command was not tried");
    }
    assertThat(line(r, "probe " + NOBODY_HOLDS))
        .as("an address on the link that nobody holds")
        .containsExactly("DOWN", "ICMP datagram socket", "0", "no echo reply from " + NOBODY_HOLDS + ": 3 of 3 lost");
    if (v6) {
      for (String up : List.of("::1", PEER6)) {
        assertThat(line(r, "probe " + up)).as(up).containsExactly("UP", "ICMPv6 datagram socket", "3", "");
        assertThat(line(r, "raw " + up)).as(up).containsExactly(
            "refused", "ICMP echo is not available: a raw ICMPv6 socket needs CAP_NET_RAW (errno 1); the ping command was not tried");
      }
    }
  }

  @Test
  void whereThePingGroupRangeAdmitsNobodyTheProbeFallsBackAndSaysWhatIsMissing() throws Exception {
    assumeTrue(skip == null, () -> "skipped: " + skip);
    pingGroupRange("1 0");
    Map<String, List<String>> r = child("127.0.0.1", "::1");

    List<String> v4 = line(r, "probe 127.0.0.1");
    assertThat(v4).as("the child can use neither socket, nor ping (no capabilities, no new privileges)").hasSize(4);
    assertThat(v4.subList(0, 3)).containsExactly("UNSUPPORTED", "-", "-");
    assertThat(v4.get(3))
        .startsWith(
            "ICMP echo is not available: an ICMP datagram socket is refused (errno 13; net.ipv4.ping_group_range is \"1 0\"),"
                + " a raw ICMP socket needs CAP_NET_RAW (errno 1); and ");
    assertThat(v4.get(3)).satisfiesAnyOf(
        m -> assertThat(m).endsWith("no ping command was found on the PATH (Debian package iputils-ping)"),
        m -> assertThat(m).containsPattern("/ping says: ping: .+"),
        // Debian's ping gets CAP_NET_RAW from its file; under no_new_privs exec refuses it (EPERM)
        m -> assertThat(m).containsPattern("/ping cannot be started \\(.*Operation not permitted\\)"));
    if (Files.exists(Path.of("/proc/sys/net/ipv6"))) {
      assertThat(line(r, "probe ::1").get(0)).isEqualTo("UNSUPPORTED");
      assertThat(line(r, "probe ::1").get(3))
          .startsWith(
              "ICMP echo is not available: an ICMPv6 datagram socket is refused (errno 13; net.ipv4.ping_group_range is \"1 0\"),"
                  + " a raw ICMPv6 socket needs CAP_NET_RAW (errno 1); and ");
    }
  }
}

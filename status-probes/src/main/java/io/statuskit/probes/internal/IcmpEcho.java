package io.statuskit.probes.internal;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ICMP echo ("ping") for the JVM, which has no ICMP sockets: on Linux through the C library
 * (JNA) with an unprivileged ICMP datagram socket where {@code net.ipv4.ping_group_range} admits
 * the process's group (for ICMPv6 too), or a raw socket where the process has {@code
 * CAP_NET_RAW}; otherwise through the system {@code ping} command. IPv4 and IPv6. Each call
 * blocks its thread for at most the deadline.
 */
public final class IcmpEcho {
  private IcmpEcho() {}

  /** The ways to send an echo, tried in this order. */
  public enum Method {
    /** An unprivileged ICMP datagram socket (Linux, {@code net.ipv4.ping_group_range}). */
    DATAGRAM,
    /** A raw ICMP socket ({@code CAP_NET_RAW}). */
    RAW,
    /** The system {@code ping} command. */
    COMMAND
  }

  /** What a series of echoes found. */
  public record Echoes(String method, int sent, ImmutableList<Duration> roundTrips) {
    /** Echoes that got no reply. */
    public int lost() {
      return sent - roundTrips.size();
    }
  }

  /** No way to send an echo; the message names what is missing. */
  public static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  /** The C library calls used (Linux x86-64/aarch64 ABI: size_t and nfds_t are 64-bit). */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen) throws LastErrorException;

    long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_RAW = 3;
  private static final int IPPROTO_ICMP = 1;
  private static final int IPPROTO_ICMPV6 = 58;
  private static final short POLLIN = 1;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EINTR = 4;

  private static volatile @Nullable LibC libc;
  private static volatile @Nullable String nativeProblem;

  private static @Nullable LibC libc() {
    LibC l = libc;
    if (l != null || nativeProblem != null) {
      return l;
    }
    synchronized (IcmpEcho.class) {
      if (libc == null && nativeProblem == null) {
        if (!Platform.isLinux()) {
          nativeProblem = "ICMP sockets through JNA are used on Linux only (this is " + System.getProperty("os.name") + ")";
        } else {
          try {
            libc = Native.load("c", LibC.class);
          } catch (UnsatisfiedLinkError | RuntimeException e) {
            nativeProblem = "JNA cannot load the C library (" + e.getMessage() + ")";
          }
        }
      }
      return libc;
    }
  }

  /** Opens an ICMP socket, datagram first, then raw; returns -1 with the reason in {@code why}. */
  private static int open(LibC c, boolean v6, Set<Method> methods, StringBuilder why) {
    int domain = v6 ? AF_INET6 : AF_INET;
    int protocol = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
    String icmp = v6 ? "ICMPv6" : "ICMP";
    if (methods.contains(Method.DATAGRAM)) {
      try {
        return c.socket(domain, SOCK_DGRAM, protocol) << 1;
      } catch (LastErrorException e) {
        why.append("an ").append(icmp).append(" datagram socket is refused (errno ")
            .append(e.getErrorCode())
            .append("; net.ipv4.ping_group_range is ")
            .append(pingGroupRange())
            .append(")");
      }
    }
    if (methods.contains(Method.RAW)) {
      try {
        return (c.socket(domain, SOCK_RAW, protocol) << 1) | 1;
      } catch (LastErrorException e) {
        why.append(why.length() == 0 ? "" : ", ")
            .append("a raw ").append(icmp).append(" socket needs CAP_NET_RAW (errno ")
            .append(e.getErrorCode())
            .append(")");
      }
    }
    return -1;
  }

  /**
   * The sysctl as text, for messages; it governs ICMPv6 datagram sockets too. Read in one call:
   * {@code Files.readString} reads a file of size 0 (as /proc reports) one byte first, and the
   * kernel answers a read past the start of this file with its end, which left "1" of "1 0".
   */
  public static String pingGroupRange() {
    try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ping_group_range"))) {
      return "\"" + new String(in.readNBytes(256), StandardCharsets.US_ASCII).trim().replaceAll("\\s+", " ") + "\"";
    } catch (IOException | RuntimeException e) {
      return "unreadable";
    }
  }

  /**
   * Sends {@code count} echoes to {@code address} (IPv4 or IPv6), {@code interval} apart, and
   * waits for their replies until {@code deadlineNanos} on {@code ticker}.
   *
   * @throws Unsupported when neither a socket nor a {@code ping} command can be used
   */
  public static Echoes echo(
      InetAddress address, int count, Duration interval, Ticker ticker, long deadlineNanos) throws Unsupported {
    return echo(address, count, interval, ticker, deadlineNanos, EnumSet.allOf(Method.class));
  }

  /** As {@link #echo(InetAddress, int, Duration, Ticker, long)}, trying only {@code methods}. */
  public static Echoes echo(
      InetAddress address, int count, Duration interval, Ticker ticker, long deadlineNanos, Set<Method> methods)
      throws Unsupported {
    StringBuilder why = new StringBuilder();
    LibC c = methods.contains(Method.DATAGRAM) || methods.contains(Method.RAW) ? libc() : null;
    if (c != null) {
      int opened = open(c, address instanceof Inet6Address, methods, why);
      if (opened >= 0) {
        int fd = opened >> 1;
        boolean raw = (opened & 1) == 1;
        try {
          return nativeEcho(c, fd, raw, address, count, interval, ticker, deadlineNanos);
        } finally {
          c.close(fd);
        }
      }
    } else if (nativeProblem != null) {
      why.append(nativeProblem);
    }
    Path ping = methods.contains(Method.COMMAND) ? systemPing() : null;
    if (ping == null) {
      throw new Unsupported(
          "ICMP echo is not available: "
              + (why.length() == 0 ? "" : why + "; ")
              + (methods.contains(Method.COMMAND)
                  ? "and no ping command was found on the PATH (Debian package iputils-ping)"
                  : "the ping command was not tried"));
    }
    return systemEcho(ping, address, count, interval, ticker, deadlineNanos, why);
  }

  private static Echoes nativeEcho(
      LibC c, int fd, boolean raw, InetAddress address, int count, Duration interval, Ticker ticker, long deadline) {
    int id = ThreadLocalRandom.current().nextInt(1 << 16);
    boolean v6 = address instanceof Inet6Address;
    byte[] sockaddr = sockaddr(address);
    int replyType = v6 ? 129 : 0;
    long[] sentAt = new long[count];
    Duration[] rtt = new Duration[count];
    int sent = 0;
    long nextSend = ticker.read();
    byte[] in = new byte[1500];
    byte[] pollfd = new byte[8];
    ByteBuffer pf = ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder());
    int received = 0;
    while (received < count) {
      long now = ticker.read();
      if (now >= deadline) {
        break;
      }
      if (sent < count && now >= nextSend) {
        byte[] packet = v6 ? requestV6(id, sent) : request(id, sent);
        sentAt[sent] = ticker.read();
        try {
          c.sendto(fd, packet, packet.length, 0, sockaddr, sockaddr.length);
        } catch (LastErrorException e) {
          // unreachable network and the like: the echo counts as lost
        }
        sent++;
        nextSend = now + interval.toNanos();
        continue;
      }
      long wait = Math.min(deadline - now, sent < count ? nextSend - now : deadline - now);
      pf.clear();
      pf.putInt(fd).putShort(POLLIN).putShort((short) 0);
      int ready;
      try {
        ready = c.poll(pollfd, 1, (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(wait), 100)));
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EINTR) {
          continue;
        }
        break;
      }
      if (ready <= 0) {
        continue;
      }
      long n;
      try {
        n = c.recv(fd, in, in.length, MSG_DONTWAIT);
      } catch (LastErrorException e) {
        continue;
      }
      long at = ticker.read();
      int off = raw && !v6 ? (in[0] & 0x0f) * 4 : 0; // a raw IPv4 socket reads the IP header too
      if (n < off + 8 || (in[off] & 0xff) != replyType) {
        continue; // not an echo reply (a raw socket sees every ICMP message, our requests too)
      }
      int replyId = ((in[off + 4] & 0xff) << 8) | (in[off + 5] & 0xff);
      int seq = ((in[off + 6] & 0xff) << 8) | (in[off + 7] & 0xff);
      if ((raw && replyId != id) || seq >= sent || rtt[seq] != null) {
        continue; // another pinger's reply, or a duplicate (a datagram socket gets only its own)
      }
      rtt[seq] = Duration.ofNanos(at - sentAt[seq]);
      received++;
    }
    List<Duration> trips = new ArrayList<>();
    for (Duration d : rtt) {
      if (d != null) {
        trips.add(d);
      }
    }
    String icmp = v6 ? "ICMPv6" : "ICMP";
    return new Echoes(
        raw ? "raw " + icmp + " socket" : icmp + " datagram socket", Math.max(sent, 0), ImmutableList.copyOf(trips));
  }

  /** A {@code sockaddr_in} (16 bytes) or {@code sockaddr_in6} (28 bytes, with the scope id) of port 0. */
  static byte[] sockaddr(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] sockaddr = new byte[28];
      ByteBuffer sa = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder());
      sa.putShort(0, (short) AF_INET6);
      System.arraycopy(v6.getAddress(), 0, sockaddr, 8, 16);
      sa.putInt(24, v6.getScopeId());
      return sockaddr;
    }
    byte[] sockaddr = new byte[16];
    ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET);
    System.arraycopy(address.getAddress(), 0, sockaddr, 4, 4);
    return sockaddr;
  }

  /**
   * An ICMPv6 echo request: type 128, our id and sequence number, 56 bytes of payload. The
   * checksum (over a pseudo-header of both addresses) is left zero: the kernel fills it in for
   * ICMPv6 datagram and raw sockets alike.
   */
  static byte[] requestV6(int id, int seq) {
    byte[] p = request(id, seq);
    p[0] = (byte) 128;
    p[2] = 0;
    p[3] = 0;
    return p;
  }

  /** An echo request: type 8, our id and sequence number, 56 bytes of payload, checksummed. */
  static byte[] request(int id, int seq) {
    byte[] p = new byte[64];
    p[0] = 8;
    p[4] = (byte) (id >> 8);
    p[5] = (byte) id;
    p[6] = (byte) (seq >> 8);
    p[7] = (byte) seq;
    byte[] marker = "statuskit icmp probe".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, p, 8, marker.length);
    int sum = 0;
    for (int i = 0; i < p.length; i += 2) {
      sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    int check = ~sum & 0xffff;
    p[2] = (byte) (check >> 8);
    p[3] = (byte) check;
    return p;
  }

  private static @Nullable Path systemPing() {
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(":")));
    dirs.add("/usr/bin");
    dirs.add("/bin");
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "ping");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static final Pattern TIME = Pattern.compile("icmp_seq=(\\d+).*time=([0-9.]+) ms");

  private static Echoes systemEcho(
      Path ping, InetAddress address, int count, Duration interval, Ticker ticker, long deadline, CharSequence why)
      throws Unsupported {
    long left = deadline - ticker.read();
    long waitSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    String every = String.format(Locale.ROOT, "%.3f", Math.max(0.2, interval.toNanos() / 1e9));
    List<String> command =
        List.of(
            ping.toString(), "-n", "-c", Integer.toString(count), "-i", every, "-w", Long.toString(waitSeconds),
            address.getHostAddress());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      // Without the capability its file grants (no_new_privs, a reduced bounding set), exec of
      // Debian's ping fails with EPERM: say so after the socket reasons, as when it runs and refuses.
      throw new Unsupported(
          "ICMP echo is not available: " + (why.length() == 0 ? "" : why + "; and ") + ping + " cannot be started ("
              + e.getMessage() + ")");
    }
    String out;
    try (InputStream stdout = process.getInputStream()) {
      byte[] bytes = stdout.readNBytes(64 * 1024);
      out = new String(bytes, StandardCharsets.UTF_8);
      if (!process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - ticker.read())) + 1000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
      out = "";
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      out = "";
    }
    Duration[] rtt = new Duration[count];
    Matcher m = TIME.matcher(out);
    while (m.find()) {
      int seq = Integer.parseInt(m.group(1)) - 1;
      if (seq >= 0 && seq < count && rtt[seq] == null) {
        rtt[seq] = Duration.ofNanos((long) (Double.parseDouble(m.group(2)) * 1_000_000));
      }
    }
    // ping prints its statistics ("3 packets transmitted, ...") whenever it sent echoes; without
    // them it could not ping at all (no socket: no group in ping_group_range, no CAP_NET_RAW)
    if (!out.isBlank() && !out.contains("transmitted")) {
      String said =
          out.lines()
              .map(String::trim)
              .filter(l -> l.contains("not permitted") || l.toLowerCase(Locale.ROOT).contains("permission denied"))
              .findFirst()
              .orElse(out.trim().lines().findFirst().orElse(""));
      throw new Unsupported(
          "ICMP echo is not available: " + (why.length() == 0 ? "" : why + "; and ") + ping + " says: " + said);
    }
    List<Duration> trips = new ArrayList<>();
    for (Duration d : rtt) {
      if (d != null) {
        trips.add(d);
      }
    }
    return new Echoes("the ping command (" + ping + ")", count, ImmutableList.copyOf(trips));
  }
}

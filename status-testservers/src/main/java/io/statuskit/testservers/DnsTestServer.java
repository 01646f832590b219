package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server for tests on UDP and TCP of the same port of 127.0.0.1: answers
 * from a small zone (NXDOMAIN for unknown names), or misbehaves in a chosen way: SERVFAIL for
 * everything, silence, or truncated UDP answers (TC set, answers only over TCP).
 *
 * <p>Thread-safe.
 */
public final class DnsTestServer extends LocalServer {
  /** How the server answers. */
  public enum Mode {
    /** Answers from its records. */
    ANSWER,
    /** Answers SERVFAIL to everything. */
    SERVFAIL,
    /** Never answers (UDP dropped, TCP connections held). */
    SILENT,
    /** Over UDP answers with TC set and no records; over TCP answers fully. */
    TRUNCATE
  }

  private final List<Record> records;
  private final Mode mode;
  private final DatagramSocket udp;
  private final Thread udpThread;
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();

  private DnsTestServer(Builder b) {
    super("dns-test");
    this.records = List.copyOf(b.records);
    this.mode = b.mode;
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port()));
      socket.setSoTimeout(50);
    } catch (IOException e) {
      super.close();
      throw new IllegalStateException("cannot bind UDP port " + port() + " next to TCP", e);
    }
    this.udp = socket;
    this.udpThread = new Thread(this::udpLoop, "dns-test-udp-" + port());
    udpThread.setDaemon(true);
    udpThread.start();
    start();
  }

  /** A builder with no records. */
  public static Builder builder() {
    return new Builder();
  }

  /** Queries received over UDP. */
  public int udpQueries() {
    return udpQueries.get();
  }

  /** Queries received over TCP. */
  public int tcpQueries() {
    return tcpQueries.get();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!isClosed()) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      udpQueries.incrementAndGet();
      if (mode == Mode.SILENT) {
        continue;
      }
      try {
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] reply = answer(query, true).toWire();
        udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException e) {
        // a malformed query or a send failure; ignore
      }
    }
  }

  @Override
  protected void serve(Socket socket) throws IOException {
    socket.setSoTimeout(200);
    DataInputStream in = new DataInputStream(socket.getInputStream());
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    while (!isClosed()) {
      int length;
      try {
        length = in.readUnsignedShort();
      } catch (SocketTimeoutException e) {
        continue;
      } catch (EOFException e) {
        return;
      }
      byte[] data = new byte[length];
      in.readFully(data);
      tcpQueries.incrementAndGet();
      if (mode == Mode.SILENT) {
        continue;
      }
      byte[] reply = answer(new Message(data), false).toWire();
      out.writeShort(reply.length);
      out.write(reply);
      out.flush();
    }
  }

  private Message answer(Message query, boolean overUdp) {
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      reply.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null) {
      reply.getHeader().setRcode(Rcode.FORMERR);
      return reply;
    }
    reply.addRecord(question, Section.QUESTION);
    if (mode == Mode.SERVFAIL) {
      reply.getHeader().setRcode(Rcode.SERVFAIL);
      return reply;
    }
    if (mode == Mode.TRUNCATE && overUdp) {
      reply.getHeader().setFlag(Flags.TC);
      return reply;
    }
    boolean nameKnown = false;
    for (Record r : records) {
      if (r.getName().equals(question.getName())) {
        nameKnown = true;
        if (r.getType() == question.getType() || question.getType() == Type.ANY) {
          reply.addRecord(r, Section.ANSWER);
        }
      }
    }
    if (!nameKnown) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    if (reply.getSection(Section.ANSWER).isEmpty()) {
      for (Record r : records) {
        if (r.getType() == Type.SOA && question.getName().subdomain(r.getName())) {
          reply.addRecord(r, Section.AUTHORITY);
          break;
        }
      }
    }
    return reply;
  }

  @Override
  protected void closeExtra() {
    udp.close();
    try {
      udpThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds {@link DnsTestServer}s; not thread-safe. */
  public static final class Builder {
    private final List<Record> records = new ArrayList<>();
    private Mode mode = Mode.ANSWER;

    private Builder() {}

    /**
     * Adds a record in presentation format: {@code record("www.example.test.", "A",
     * "192.0.2.10")}, {@code record("example.test.", "SOA", "ns1.example.test.
     * hostmaster.example.test. 2024010101 3600 600 86400 300")}.
     */
    public Builder record(String name, String type, String rdata) {
      try {
        Name n = Name.fromString(name.endsWith(".") ? name : name + ".");
        int t = Type.value(type.toUpperCase(Locale.ROOT));
        if (t < 0) {
          throw new IllegalArgumentException("type: unknown DNS type \"" + type + "\"");
        }
        records.add(Record.fromString(n, t, DClass.IN, 300, rdata, Name.root));
      } catch (TextParseException e) {
        throw new IllegalArgumentException("record: cannot parse " + name + " " + type + " " + rdata, e);
      } catch (IOException e) {
        throw new IllegalArgumentException("record: cannot parse " + name + " " + type + " " + rdata, e);
      }
      return this;
    }

    /** Adds an SOA record for {@code zone} with the given serial. */
    public Builder soa(String zone, long serial) {
      String z = zone.endsWith(".") ? zone : zone + ".";
      return record(z, "SOA", "ns1." + z + " hostmaster." + z + " " + serial + " 3600 600 86400 300");
    }

    /** How the server answers; defaults to {@link Mode#ANSWER}. */
    public Builder mode(Mode mode) {
      this.mode = requireNonNull(mode, "mode");
      return this;
    }

    /** Binds UDP and TCP on one free port and starts the server. */
    public DnsTestServer build() {
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        try {
          return new DnsTestServer(this);
        } catch (IllegalStateException e) {
          last = e;
        }
      }
      throw requireNonNull(last);
    }
  }

}

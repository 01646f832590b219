package io.statuskit.probes;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeFactory;
import io.statuskit.probes.spi.ProbeSettings;
import java.nio.file.Path;
import java.util.function.Function;

/** The factories of the built-in probe types, reading their settings from configuration. */
final class BuiltInProbes {
  private BuiltInProbes() {}

  static ImmutableList<ProbeFactory> all() {
    return ImmutableList.of(
        factory("tcp", BuiltInProbes::tcp),
        factory("http", BuiltInProbes::http),
        factory("tls", BuiltInProbes::tls),
        factory("smtp", BuiltInProbes::smtp),
        factory("dns", BuiltInProbes::dns),
        factory("dns-serial", BuiltInProbes::dnsSerial),
        factory("icmp", BuiltInProbes::icmp));
  }

  private static ProbeFactory factory(String type, Function<ProbeSettings, Probe> create) {
    return new ProbeFactory() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Probe create(ProbeSettings settings) {
        return create.apply(settings);
      }

      @Override
      public String toString() {
        return "built-in " + type + " probe factory";
      }
    };
  }

  private static TlsOptions tlsOptions(ProbeSettings s) {
    TlsOptions o = TlsOptions.ofDefaults();
    String name = s.string("serverName").orElse(null);
    if (name != null) {
      o = o.withServerName(name);
    }
    String ca = s.string("caFile").orElse(null);
    if (ca != null) {
      o = o.withCaFile(Path.of(ca));
    }
    o = o.withVerifyHostname(s.bool("verifyHostname").orElse(true));
    o = o.withExpiryWarning(s.duration("expiryWarning").orElse(o.expiryWarning()));
    return o;
  }

  private static Probe tcp(ProbeSettings s) {
    TcpProbe.Builder b = TcpProbe.builder(s.requireString("host"), s.requireInteger("port", 1, 65535));
    s.duration("timeout").ifPresent(b::timeout);
    if (s.bool("tls").orElse(false)) {
      b.tls(tlsOptions(s));
    } else {
      tlsOptions(s);
    }
    for (String e : s.strings("expect")) {
      b.expect(e);
    }
    for (ProbeSettings step : s.objects("steps")) {
      step.string("send").ifPresent(b::send);
      step.string("expect").ifPresent(b::expect);
    }
    return b.build();
  }

  private static Probe http(ProbeSettings s) {
    HttpProbe.Builder b = HttpProbe.builder(s.requireString("url"));
    s.string("method").ifPresent(b::method);
    b.headers(s.stringMap("headers"));
    s.string("body").ifPresent(b::requestBody);
    var statuses = s.strings("expectStatus");
    if (!statuses.isEmpty()) {
      b.expectStatus(statuses.toArray(new String[0]));
    }
    s.strings("bodyContains").forEach(b::bodyContains);
    s.strings("bodyMatches").forEach(b::bodyMatches);
    s.integer("maxBodyBytes", 0, 64 * 1024 * 1024).ifPresent(b::maxBodyBytes);
    s.integer("maxRedirects", 0, 30).ifPresent(b::maxRedirects);
    s.duration("degradedAbove").ifPresent(b::degradedAbove);
    s.duration("timeout").ifPresent(b::timeout);
    b.tls(tlsOptions(s));
    return b.build();
  }

  private static Probe tls(ProbeSettings s) {
    TlsProbe.Builder b = TlsProbe.builder(s.requireString("host"), s.integer("port", 1, 65535).orElse(443));
    s.duration("timeout").ifPresent(b::timeout);
    return b.tls(tlsOptions(s)).build();
  }

  private static Probe smtp(ProbeSettings s) {
    SmtpProbe.Builder b = SmtpProbe.builder(s.requireString("host"), s.requireString("ehlo"));
    s.integer("port", 1, 65535).ifPresent(b::port);
    s.bool("startTls").ifPresent(b::startTls);
    s.duration("timeout").ifPresent(b::timeout);
    return b.tls(tlsOptions(s)).build();
  }

  private static Probe dns(ProbeSettings s) {
    DnsProbe.Builder b = DnsProbe.builder(s.requireString("server"), s.requireString("name"));
    s.integer("port", 1, 65535).ifPresent(b::port);
    s.string("queryType").ifPresent(b::queryType);
    s.strings("validRcodes").forEach(b::validRcode);
    s.strings("answerMatches").forEach(b::answerMatches);
    s.bool("requireAnswer").ifPresent(b::requireAnswer);
    s.bool("tcp").ifPresent(b::tcp);
    s.duration("timeout").ifPresent(b::timeout);
    return b.build();
  }

  private static Probe dnsSerial(ProbeSettings s) {
    String zone = s.requireString("zone");
    var servers = s.strings("nameservers");
    var timeout = s.duration("timeout").orElse(java.time.Duration.ofSeconds(5));
    return DnsSerialProbe.of(zone, timeout, servers.toArray(new String[0]));
  }

  private static Probe icmp(ProbeSettings s) {
    return new IcmpProbe(s.requireString("host"), s.duration("timeout").orElse(java.time.Duration.ofSeconds(5)));
  }
}

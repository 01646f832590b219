package io.statuskit.probes;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeFactory;
import io.statuskit.probes.spi.ProbeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The factories of the built-in probe types, reading their settings from configuration.
 *
 * <p>Each factory reads and checks every setting before it builds anything, each check reporting
 * at its own key with the value as written, so that one bad value neither hides the problems after
 * it nor leaves the settings after it unread (and reported as unknown). A missing required setting
 * is reported by the settings and replaced by a placeholder, so the rest is still checked; a probe
 * with problems is never used.
 */
final class BuiltInProbes {
  /** Stands in for a missing required host; never probed (the configuration is refused). */
  private static final String MISSING_HOST = "missing.invalid";

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

  private static String host(ProbeSettings s, String name) {
    String host = s.requireString(name);
    if (host.isEmpty()) {
      return MISSING_HOST;
    }
    return s.check(name, Optional.of(host), Checks::host).orElse(MISSING_HOST);
  }

  private static Optional<Duration> timeout(ProbeSettings s) {
    return s.check("timeout", s.duration("timeout"), Checks::timeout);
  }

  private static List<String> regexes(ProbeSettings s, String name) {
    List<String> all = s.strings(name);
    List<String> good = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      s.check(all.size() == 1 ? name : name + "[" + i + "]", Optional.of(all.get(i)), r -> Checks.regex(name, r))
          .ifPresent(good::add);
    }
    return good;
  }

  private static TlsOptions tlsOptions(ProbeSettings s) {
    TlsOptions o = TlsOptions.ofDefaults();
    String name =
        s.check("serverName", s.string("serverName"), n -> TlsOptions.ofDefaults().withServerName(n)).orElse(null);
    if (name != null) {
      o = o.withServerName(name);
    }
    Path ca = s.check("caFile", s.file("caFile"), Checks::caFile).orElse(null);
    if (ca != null) {
      o = o.withCaFile(ca);
    }
    o = o.withVerifyHostname(s.bool("verifyHostname").orElse(true));
    Optional<Duration> warning =
        s.check("expiryWarning", s.duration("expiryWarning"), w -> TlsOptions.ofDefaults().withExpiryWarning(w));
    return o.withExpiryWarning(warning.orElse(o.expiryWarning()));
  }

  private static Probe tcp(ProbeSettings s) {
    String host = host(s, "host");
    int port = s.requireInteger("port", 1, 65535);
    Optional<Duration> timeout = timeout(s);
    boolean tls = s.bool("tls").orElse(false);
    TlsOptions options = tlsOptions(s);
    List<TcpProbe.Step> steps = new ArrayList<>();
    for (String e : regexes(s, "expect")) {
      steps.add(new TcpProbe.Step(TcpProbe.Step.Kind.EXPECT, e));
    }
    for (ProbeSettings step : s.objects("steps")) {
      step.string("send").ifPresent(t -> steps.add(new TcpProbe.Step(TcpProbe.Step.Kind.SEND, t)));
      regexes(step, "expect").forEach(e -> steps.add(new TcpProbe.Step(TcpProbe.Step.Kind.EXPECT, e)));
    }
    TcpProbe.Builder b = TcpProbe.builder(host, port).steps(steps);
    timeout.ifPresent(b::timeout);
    if (tls) {
      b.tls(options);
    }
    return b.build();
  }

  private static Probe http(ProbeSettings s) {
    String url = s.requireString("url");
    Optional<String> checkedUrl =
        url.isEmpty() ? Optional.empty() : s.check("url", Optional.of(url), u -> HttpProbe.builder(u).build());
    Optional<String> method =
        s.check("method", s.string("method"), m -> HttpProbe.builder("http://localhost/").method(m).build());
    Map<String, String> headers = s.stringMap("headers");
    Optional<String> body = s.string("body");
    List<String> statuses = s.strings("expectStatus");
    for (int i = 0; i < statuses.size(); i++) {
      s.check(
          statuses.size() == 1 ? "expectStatus" : "expectStatus[" + i + "]",
          Optional.of(statuses.get(i)),
          spec -> HttpProbe.parseStatuses(List.of(spec)));
    }
    List<String> contains = s.strings("bodyContains");
    List<String> matches = regexes(s, "bodyMatches");
    Optional<Integer> maxBodyBytes = s.integer("maxBodyBytes", 0, 64 * 1024 * 1024);
    Optional<Integer> maxRedirects = s.integer("maxRedirects", 0, 30);
    Optional<Duration> degradedAbove =
        s.check("degradedAbove", s.duration("degradedAbove"), d -> Checks.positive("degradedAbove", d));
    Optional<Duration> timeout = timeout(s);
    TlsOptions tls = tlsOptions(s);

    HttpProbe.Builder b = HttpProbe.builder(checkedUrl.orElse("http://" + MISSING_HOST + "/"));
    method.ifPresent(b::method);
    b.headers(headers);
    body.ifPresent(b::requestBody);
    if (!statuses.isEmpty()) {
      b.expectStatus(statuses.toArray(new String[0]));
    }
    contains.forEach(b::bodyContains);
    matches.forEach(b::bodyMatches);
    maxBodyBytes.ifPresent(b::maxBodyBytes);
    maxRedirects.ifPresent(b::maxRedirects);
    degradedAbove.ifPresent(b::degradedAbove);
    timeout.ifPresent(b::timeout);
    return b.tls(tls).build();
  }

  private static Probe tls(ProbeSettings s) {
    String host = host(s, "host");
    int port = s.integer("port", 1, 65535).orElse(443);
    Optional<Duration> timeout = timeout(s);
    TlsProbe.Builder b = TlsProbe.builder(host, port).tls(tlsOptions(s));
    timeout.ifPresent(b::timeout);
    return b.build();
  }

  private static Probe smtp(ProbeSettings s) {
    String host = host(s, "host");
    String ehlo = s.requireString("ehlo");
    Optional<String> checkedEhlo =
        ehlo.isEmpty()
            ? Optional.empty()
            : s.check("ehlo", Optional.of(ehlo), e -> SmtpProbe.builder("localhost", e).build());
    Optional<Integer> port = s.integer("port", 1, 65535);
    Optional<Boolean> startTls = s.bool("startTls");
    Optional<Duration> timeout = timeout(s);
    TlsOptions tls = tlsOptions(s);
    SmtpProbe.Builder b = SmtpProbe.builder(host, checkedEhlo.orElse("monitor.example.com"));
    port.ifPresent(b::port);
    startTls.ifPresent(b::startTls);
    timeout.ifPresent(b::timeout);
    return b.tls(tls).build();
  }

  private static Probe dns(ProbeSettings s) {
    String server = host(s, "server");
    String name = s.requireString("name");
    Optional<Integer> port = s.integer("port", 1, 65535);
    Optional<String> queryType =
        s.check("queryType", s.string("queryType"), t -> DnsProbe.builder("localhost", "example.com").queryType(t).build());
    List<String> rcodes = s.strings("validRcodes");
    List<String> goodRcodes = new ArrayList<>();
    for (int i = 0; i < rcodes.size(); i++) {
      s.check(
              rcodes.size() == 1 ? "validRcodes" : "validRcodes[" + i + "]",
              Optional.of(rcodes.get(i)),
              r -> DnsProbe.builder("localhost", "example.com").validRcode(r).build())
          .ifPresent(goodRcodes::add);
    }
    List<String> answers = regexes(s, "answerMatches");
    Optional<Boolean> requireAnswer = s.bool("requireAnswer");
    Optional<Boolean> tcp = s.bool("tcp");
    Optional<Duration> timeout = timeout(s);
    Optional<String> checkedName =
        name.isEmpty()
            ? Optional.empty()
            : s.check("name", Optional.of(name), n -> DnsProbe.builder("localhost", n).build());

    DnsProbe.Builder b = DnsProbe.builder(server, checkedName.orElse("example.com"));
    port.ifPresent(b::port);
    queryType.ifPresent(b::queryType);
    goodRcodes.forEach(b::validRcode);
    answers.forEach(b::answerMatches);
    requireAnswer.ifPresent(b::requireAnswer);
    tcp.ifPresent(b::tcp);
    timeout.ifPresent(b::timeout);
    return b.build();
  }

  private static Probe dnsSerial(ProbeSettings s) {
    String zone = s.requireString("zone");
    List<String> servers = s.strings("nameservers");
    Duration timeout = timeout(s).orElse(Duration.ofSeconds(5));
    return DnsSerialProbe.of(zone, timeout, servers.toArray(new String[0]));
  }

  private static Probe icmp(ProbeSettings s) {
    String host = host(s, "host");
    Duration timeout = timeout(s).orElse(Duration.ofSeconds(5));
    int count = s.integer("count", 1, 100).orElse(3);
    Duration interval =
        s.check("interval", s.duration("interval"), d -> Checks.positive("interval", d)).orElse(Duration.ofMillis(200));
    return new IcmpProbe(host, timeout, count, interval);
  }
}

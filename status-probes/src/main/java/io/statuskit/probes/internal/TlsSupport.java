package io.statuskit.probes.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;
import io.statuskit.probes.CertificateInfo;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Phase;
import io.statuskit.probes.TlsOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/** TLS handshakes for probes: trust, SNI, hostname verification, certificate facts and verdicts. */
public final class TlsSupport {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TlsSupport() {}

  /**
   * Upgrades {@code raw} to TLS: handshake with SNI and verification as {@code options} say,
   * recording the TLS phase and the certificate (also when the handshake fails), then checks the
   * chain's earliest expiry against the run's clock (expired: down; within the warning: a
   * warning that makes an otherwise good result degraded).
   *
   * <p>The TLS work runs on the run's TLS pool, never on the connection's selector loop: setting
   * up the engine (and, once per trust configuration, the context), the handshake's start and its
   * delegated tasks; the handshake goes on on the loop in between.
   */
  public static CompletableFuture<TlsStream> upgrade(
      ProbeRun run, TcpStream raw, String host, int port, TlsOptions options) {
    String name = options.serverName() != null ? options.serverName() : host;
    EngineServices services = run.services();
    TlsContexts contexts = services.tlsContexts();
    Executor pool = services.tlsTasks();
    Executor resume = raw.loop()::execute;
    long start = run.now();
    run.activity("in the TLS handshake with " + name);
    CompletableFuture<TlsStream> made = new CompletableFuture<>();
    try {
      pool.execute(
          new EngineServices.TlsTask() {
            @Override
            public void run() {
              if (run.isDone()) {
                made.cancel(false);
                return;
              }
              TlsStream tls;
              try {
                SSLEngine engine = engine(contexts, name, port, options);
                tls = run.own(new TlsStream(raw, engine, pool, resume));
              } catch (GeneralSecurityException | IOException | RuntimeException e) {
                made.completeExceptionally(
                    new ProbeFailure(
                        ErrorKind.INTERNAL, "cannot set up TLS: " + Failures.message(e)));
                return;
              }
              tls.begin(); // the client hello and its key shares: here, not on the loop
              resume.execute(() -> made.complete(tls));
            }

            @Override
            public void abort() {
              made.completeExceptionally(
                  new ProbeFailure(ErrorKind.INTERNAL, "the probe engine is closed"));
            }
          });
    } catch (RejectedExecutionException e) {
      return Input.failed(new ProbeFailure(ErrorKind.INTERNAL, "the probe engine is closed"));
    }
    return made.thenCompose(
        tls ->
            tls.handshake()
                .handle(
                    (v, error) -> {
                      SSLEngine engine = tls.engine();
                      X509Certificate[] chain = contexts.takeChain(engine);
                      if (chain == null && error == null) {
                        chain = peerChain(engine);
                      }
                      X509Certificate[] shown = chain;
                      CertificateInfo info = shown == null ? null : info(shown);
                      if (info != null) {
                        run.details(d -> d.certificate(info));
                      }
                      if (error != null) {
                        throw new CompletionException(
                            classify(error, shown, name, run.context().clock().instant()));
                      }
                      // never resumed: the next attempt must see a full handshake (TlsContexts)
                      engine.getSession().invalidate();
                      run.phase(Phase.TLS, start);
                      if (info != null) {
                        checkExpiry(run, info, options);
                      }
                      return tls;
                    }));
  }

  private static SSLEngine engine(TlsContexts contexts, String name, int port, TlsOptions options)
      throws GeneralSecurityException, IOException {
    SSLContext context = contexts.context(options.caFile());
    SSLEngine engine = context.createSSLEngine(name, port);
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    if (options.verifyHostname()) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!InetAddresses.isInetAddress(name)) {
      params.setServerNames(List.of(new SNIHostName(name)));
    }
    engine.setSSLParameters(params);
    return engine;
  }

  /** The chain of a handshake that checked none (a resumed session), from its session. */
  private static X509Certificate @Nullable [] peerChain(SSLEngine engine) {
    try {
      Certificate[] certs = engine.getSession().getPeerCertificates();
      X509Certificate[] out = new X509Certificate[certs.length];
      for (int i = 0; i < certs.length; i++) {
        if (!(certs[i] instanceof X509Certificate)) {
          return null;
        }
        out[i] = (X509Certificate) certs[i];
      }
      return out.length == 0 ? null : out;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static void checkExpiry(ProbeRun run, CertificateInfo info, TlsOptions options) {
    Instant now = run.context().clock().instant();
    Duration left = info.timeLeft(now);
    if (left.isNegative()) {
      throw new CompletionException(
          new ProbeFailure(
              ErrorKind.TLS,
              "certificate expired on "
                  + DATE.format(info.earliestNotAfter())
                  + ": "
                  + info.earliestNotAfterSubject()));
    }
    if (left.compareTo(options.expiryWarning()) < 0) {
      run.warn(
          "certificate "
              + info.earliestNotAfterSubject()
              + " expires in "
              + describe(left)
              + " (on "
              + DATE.format(info.earliestNotAfter())
              + ")");
    }
  }

  private static String describe(Duration d) {
    long days = d.toDays();
    if (days >= 1) {
      return days + (days == 1 ? " day" : " days");
    }
    long hours = d.toHours();
    return hours + (hours == 1 ? " hour" : " hours");
  }

  /** A readable, classified failure for a failed handshake. */
  static ProbeFailure classify(
      Throwable error, X509Certificate @Nullable [] chain, String name, Instant now) {
    Throwable e = Failures.unwrap(error);
    if (e instanceof ProbeFailure) {
      return (ProbeFailure) e;
    }
    ErrorKind kind = Failures.kind(e);
    if (kind == ErrorKind.RESET || kind == ErrorKind.TIMEOUT) {
      return new ProbeFailure(kind, Failures.message(e) + " during the TLS handshake");
    }
    if (chain != null) {
      for (X509Certificate c : chain) {
        if (c.getNotAfter().toInstant().isBefore(now)) {
          return new ProbeFailure(
              ErrorKind.TLS,
              "certificate expired on "
                  + DATE.format(c.getNotAfter().toInstant())
                  + ": "
                  + c.getSubjectX500Principal().getName());
        }
        if (c.getNotBefore().toInstant().isAfter(now)) {
          return new ProbeFailure(
              ErrorKind.TLS,
              "certificate not valid before "
                  + DATE.format(c.getNotBefore().toInstant())
                  + ": "
                  + c.getSubjectX500Principal().getName());
        }
      }
    }
    String all = causeMessages(e);
    if (all.contains("No subject alternative") || all.contains("No name matching")) {
      List<String> names = chain == null ? List.of() : names(chain[0]);
      return new ProbeFailure(
          ErrorKind.TLS, "certificate does not match host " + name + " (it names " + names + ")");
    }
    if (all.contains("unable to find valid certification path")
        || all.contains("PKIX path")
        || all.contains("path building failed")) {
      String who = "";
      if (chain != null && chain.length > 0) {
        X509Certificate leaf = chain[0];
        boolean selfSigned =
            leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        who =
            selfSigned
                ? ": self-signed certificate " + leaf.getSubjectX500Principal().getName()
                : ": issued by " + chain[chain.length - 1].getIssuerX500Principal().getName();
      }
      return new ProbeFailure(ErrorKind.TLS, "certificate not trusted" + who);
    }
    return new ProbeFailure(ErrorKind.TLS, "TLS handshake failed: " + Failures.message(e));
  }

  private static String causeMessages(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append(" | ");
      if (t.getCause() == t) {
        break;
      }
    }
    return s.toString();
  }

  /** Facts of a chain as the server sent it. */
  public static CertificateInfo info(X509Certificate[] chain) {
    X509Certificate leaf = chain[0];
    X509Certificate earliest = leaf;
    for (X509Certificate c : chain) {
      if (c.getNotAfter().before(earliest.getNotAfter())) {
        earliest = c;
      }
    }
    return new CertificateInfo(
        leaf.getSubjectX500Principal().getName(),
        leaf.getIssuerX500Principal().getName(),
        leaf.getNotBefore().toInstant(),
        leaf.getNotAfter().toInstant(),
        ImmutableList.copyOf(names(leaf)),
        earliest.getNotAfter().toInstant(),
        earliest.getSubjectX500Principal().getName(),
        chain.length);
  }

  private static List<String> names(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object type = san.get(0);
          if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type))
              && san.size() > 1) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateException e) {
      // no names to show
    }
    return out;
  }
}

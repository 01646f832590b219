package io.statuskit.probes.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;
import io.statuskit.probes.CertificateInfo;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Phase;
import io.statuskit.probes.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/** TLS handshakes for probes: trust, SNI, hostname verification, certificate facts and verdicts. */
public final class TlsSupport {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ConcurrentMap<String, X509ExtendedTrustManager> TRUST =
      new ConcurrentHashMap<>();

  private TlsSupport() {}

  /**
   * Upgrades {@code raw} to TLS: handshake with SNI and verification as {@code options} say,
   * recording the TLS phase and the certificate (also when the handshake fails), then checks the
   * chain's earliest expiry against the run's clock (expired: down; within the warning: a
   * warning that makes an otherwise good result degraded).
   */
  public static CompletableFuture<TlsStream> upgrade(
      ProbeRun run, ByteStream raw, String host, int port, TlsOptions options) {
    String name = options.serverName() != null ? options.serverName() : host;
    Capturing capturing;
    SSLEngine engine;
    try {
      capturing = new Capturing(trustManager(options.caFile()));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {capturing}, null);
      engine = context.createSSLEngine(name, port);
      engine.setUseClientMode(true);
      SSLParameters params = engine.getSSLParameters();
      if (options.verifyHostname()) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      if (!InetAddresses.isInetAddress(name)) {
        params.setServerNames(List.of(new SNIHostName(name)));
      }
      engine.setSSLParameters(params);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return Input.failed(
          new ProbeFailure(ErrorKind.INTERNAL, "cannot set up TLS: " + Failures.message(e)));
    }
    TlsStream tls = run.own(new TlsStream(raw, engine));
    long start = run.now();
    run.activity("in the TLS handshake with " + name);
    return tls.handshake()
        .handle(
            (v, error) -> {
              X509Certificate[] chain = capturing.chain;
              CertificateInfo info = chain == null ? null : info(chain);
              if (info != null) {
                run.details(d -> d.certificate(info));
              }
              if (error != null) {
                throw new java.util.concurrent.CompletionException(
                    classify(error, chain, name, run.context().clock().instant()));
              }
              run.phase(Phase.TLS, start);
              if (info != null) {
                checkExpiry(run, info, options);
              }
              return tls;
            });
  }

  private static void checkExpiry(ProbeRun run, CertificateInfo info, TlsOptions options) {
    Instant now = run.context().clock().instant();
    Duration left = info.timeLeft(now);
    if (left.isNegative()) {
      throw new java.util.concurrent.CompletionException(
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

  /** The trust manager for a CA file, or the JDK default; cached per file. */
  static X509ExtendedTrustManager trustManager(@Nullable Path caFile)
      throws GeneralSecurityException, IOException {
    String key = caFile == null ? "" : caFile.toAbsolutePath().toString();
    X509ExtendedTrustManager cached = TRUST.get(key);
    if (cached != null) {
      return cached;
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caFile == null) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int i = 0;
      try (InputStream in = Files.newInputStream(caFile)) {
        for (Certificate c : cf.generateCertificates(in)) {
          store.setCertificateEntry("ca-" + i++, c);
        }
      }
      if (i == 0) {
        throw new CertificateException("no certificates in CA file " + caFile);
      }
      tmf.init(store);
    }
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager) {
        X509ExtendedTrustManager x = (X509ExtendedTrustManager) tm;
        TRUST.put(key, x);
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Remembers the chain the server sent before handing it to the real trust manager. */
  private static final class Capturing extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    volatile X509Certificate @Nullable [] chain;

    Capturing(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      this.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      this.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      this.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

}

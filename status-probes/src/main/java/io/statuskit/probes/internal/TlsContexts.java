package io.statuskit.probes.internal;

import com.google.common.collect.MapMaker;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The client {@link SSLContext}s of one engine, built once per trust configuration (the JDK's
 * default trust store, or one CA file) and reused by every handshake, and the certificate chain
 * each handshake's server sent (kept also when the handshake fails, for the message).
 *
 * <p>A probe must see a full handshake every time (its latency, and the certificate the server
 * serves now), so the contexts never resume a session: TLS 1.3 tickets are discarded (the JDK
 * keeps none when the cache's lifetime is above seven days) and {@link TlsSupport} invalidates a
 * TLS 1.2 session as soon as its handshake ends.
 *
 * <p>A CA file is read when its context is first needed; a file that cannot be read is not
 * remembered, so a later attempt reads it again.
 *
 * <p>Thread-safe.
 */
public final class TlsContexts {
  /** Above the JDK's seven-day limit for keeping TLS 1.3 session tickets, so it keeps none. */
  private static final int SESSION_LIFETIME_SECONDS = 8 * 24 * 3600;

  private final ConcurrentMap<String, SSLContext> contexts = new ConcurrentHashMap<>();
  // keyed by identity, weakly: an attempt cancelled mid-handshake leaves nothing behind
  private final ConcurrentMap<SSLEngine, X509Certificate[]> chains =
      new MapMaker().weakKeys().makeMap();
  private final AtomicInteger built = new AtomicInteger();
  private final AtomicLong chainsChecked = new AtomicLong();

  /** The context trusting the CAs in {@code caFile}, or the JDK's default CAs when null. */
  public SSLContext context(@Nullable Path caFile) throws GeneralSecurityException, IOException {
    String key = caFile == null ? "" : caFile.toAbsolutePath().normalize().toString();
    SSLContext cached = contexts.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      return contexts.computeIfAbsent(key, k -> build(caFile));
    } catch (BuildFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof GeneralSecurityException) {
        throw (GeneralSecurityException) cause;
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw e;
    }
  }

  /** How many contexts were built (for tests: one per trust configuration). */
  public int contextsBuilt() {
    return built.get();
  }

  /**
   * How many server chains the contexts' trust managers checked: one per full handshake (a
   * resumed one checks none), for tests.
   */
  public long chainsChecked() {
    return chainsChecked.get();
  }

  /** The chain the server of {@code engine}'s handshake sent, or null; forgets it. */
  public X509Certificate @Nullable [] takeChain(SSLEngine engine) {
    return chains.remove(engine);
  }

  private SSLContext build(@Nullable Path caFile) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {new Capturing(trustManager(caFile), chains, chainsChecked)},
          null);
      SSLSessionContext sessions = context.getClientSessionContext();
      sessions.setSessionTimeout(SESSION_LIFETIME_SECONDS);
      sessions.setSessionCacheSize(1);
      built.incrementAndGet();
      return context;
    } catch (GeneralSecurityException e) {
      throw new BuildFailure(e);
    } catch (IOException e) {
      throw new BuildFailure(e);
    }
  }

  /** The trust manager for a CA file, or the JDK default. */
  private static X509ExtendedTrustManager trustManager(@Nullable Path caFile)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
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
        return (X509ExtendedTrustManager) tm;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** A checked failure carried out of {@code computeIfAbsent}. */
  private static final class BuildFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BuildFailure(Exception cause) {
      super(cause);
    }
  }

  /** Remembers the chain the server sent, per engine, before handing it to the real manager. */
  private static final class Capturing extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final ConcurrentMap<SSLEngine, X509Certificate[]> chains;
    private final AtomicLong checked;

    Capturing(
        X509ExtendedTrustManager delegate,
        ConcurrentMap<SSLEngine, X509Certificate[]> chains,
        AtomicLong checked) {
      this.delegate = delegate;
      this.chains = chains;
      this.checked = checked;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checked.incrementAndGet();
      chains.put(engine, chain.clone());
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
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

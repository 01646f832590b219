package io.statuskit.testservers;

import com.google.common.collect.ImmutableList;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A generated certificate with its private key and chain, ready to serve TLS in tests.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestCertificate {
  private static final char[] PASSWORD = "test".toCharArray();

  private final PrivateKey key;
  private final ImmutableList<X509Certificate> chain;

  TestCertificate(PrivateKey key, ImmutableList<X509Certificate> chain) {
    this.key = key;
    this.chain = chain;
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The chain the server sends: the leaf, then any issuers (not a self-signed root). */
  public ImmutableList<X509Certificate> chain() {
    return chain;
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return key;
  }

  /** A server-side TLS context that presents this certificate. */
  public SSLContext serverContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a TLS context for " + certificate().getSubjectX500Principal(), e);
    }
  }

  @Override
  public String toString() {
    X509Certificate c = certificate();
    return "TestCertificate[" + c.getSubjectX500Principal() + ", " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + "]";
  }
}

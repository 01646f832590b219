package io.statuskit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed EC P-256 certificate for {@code localhost} and {@code 127.0.0.1}, made with the
 * JDK's {@code keytool} into a temporary directory: a PKCS12 key store for the TLS server and a
 * PEM file (and a trusting {@link SSLContext}) for the clients. Immutable once made.
 */
final class KeyMaterial {
  static final String PASSWORD = "benchmark";

  final Path dir;
  final Path keyStore;
  final Path certificatePem;

  private KeyMaterial(Path dir) {
    this.dir = dir;
    this.keyStore = dir.resolve("server.p12");
    this.certificatePem = dir.resolve("server.pem");
  }

  /** Makes the key and certificate with keytool. */
  static KeyMaterial create() throws IOException, InterruptedException, GeneralSecurityException {
    KeyMaterial material = new KeyMaterial(Files.createTempDirectory("statuskit-bench-tls"));
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    run(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "30", "-storetype", "PKCS12", "-keystore", material.keyStore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD));
    KeyStore store = material.load();
    Certificate certificate = store.getCertificate("server");
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    Files.writeString(material.certificatePem, pem);
    return material;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private KeyStore load() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  /** A client context that trusts the certificate and nothing else. */
  SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", load().getCertificate("server"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Deletes the files. */
  void delete() throws IOException {
    DurableWriteBenchmark.deleteTree(dir);
  }
}

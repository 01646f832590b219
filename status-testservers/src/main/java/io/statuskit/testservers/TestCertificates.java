package io.statuskit.testservers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority that issues server certificates for chosen names and validity:
 * valid, expired, not yet valid, for the wrong host, expiring in a given time; and self-signed
 * certificates that nobody trusts. Keys are EC P-256, generated fresh.
 *
 * <p>Thread-safe.
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffff_ffffL);

  private final Clock clock;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestCertificates(String name, Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.caKeys = keyPair();
    Instant now = clock.instant();
    this.caCertificate =
        sign(
            name(name),
            name(name),
            caKeys,
            caKeys,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(3650)),
            true,
            List.of());
  }

  /** A new authority named {@code CN=name}, with validity taken from the system clock. */
  public static TestCertificates authority(String name) {
    return new TestCertificates(name, Clock.systemUTC());
  }

  /** A new authority named {@code CN=name}, with validity taken from {@code clock}. */
  public static TestCertificates authority(String name, Clock clock) {
    return new TestCertificates(name, clock);
  }

  /** The authority's certificate. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The authority's certificate in PEM. */
  public String caPem() {
    return pem(caCertificate);
  }

  /** Writes the authority's certificate as a PEM file {@code dir/ca.pem}, for a probe's CA file. */
  public Path writeCaPem(Path dir) {
    Path file = dir.resolve("ca.pem");
    try {
      Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A certificate for {@code hosts} valid from a day ago for 90 days. */
  public TestCertificate valid(String... hosts) {
    Instant now = clock.instant();
    return issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), hosts);
  }

  /** A certificate for {@code hosts} that expired a day ago. */
  public TestCertificate expired(String... hosts) {
    Instant now = clock.instant();
    return issue(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), hosts);
  }

  /** A certificate for {@code hosts} valid only from tomorrow. */
  public TestCertificate notYetValid(String... hosts) {
    Instant now = clock.instant();
    return issue(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), hosts);
  }

  /** A certificate for {@code hosts} that expires {@code left} from now. */
  public TestCertificate expiringIn(Duration left, String... hosts) {
    Instant now = clock.instant();
    return issue(now.minus(Duration.ofDays(1)), now.plus(left), hosts);
  }

  /**
   * A certificate for {@code hosts} (DNS names or IP literals; the first is the common name),
   * signed by this authority.
   */
  public TestCertificate issue(Instant notBefore, Instant notAfter, String... hosts) {
    checkArgument(hosts.length > 0, "hosts must not be empty");
    checkArgument(notBefore.isBefore(notAfter), "notBefore must be before notAfter: %s, %s", notBefore, notAfter);
    KeyPair keys = keyPair();
    X509Certificate cert =
        sign(name(hosts[0]), caCertificateName(), keys, caKeys, notBefore, notAfter, false, List.of(hosts));
    return new TestCertificate(keys.getPrivate(), ImmutableList.of(cert));
  }

  /** A self-signed certificate for {@code hosts}, valid from a day ago for 90 days. */
  public static TestCertificate selfSigned(String... hosts) {
    checkArgument(hosts.length > 0, "hosts must not be empty");
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X509Certificate cert =
        sign(
            name(hosts[0]),
            name(hosts[0]),
            keys,
            keys,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(90)),
            false,
            List.of(hosts));
    return new TestCertificate(keys.getPrivate(), ImmutableList.of(cert));
  }

  /** A certificate in PEM. */
  public static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X500Name caCertificateName() {
    return X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
  }

  private static X500Name name(String cn) {
    return new X500Name("CN=" + cn.replace(",", "\\,"));
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC key", e);
    }
  }

  private static X509Certificate sign(
      X500Name subject,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<String> hosts) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      }
      if (!hosts.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
          names.add(
              InetAddresses.isInetAddress(h)
                  ? new GeneralName(GeneralName.iPAddress, h)
                  : new GeneralName(GeneralName.dNSName, h));
        }
        b.addExtension(
            Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test certificate for " + subject, e);
    }
  }
}

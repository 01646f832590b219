package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;

/**
 * What a TLS probe saw of a server's certificate chain: the leaf's subject, issuer, validity and
 * names, and the earliest expiry anywhere in the chain the server sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject the leaf certificate's subject distinguished name
 * @param issuer the leaf certificate's issuer distinguished name
 * @param notBefore the leaf's start of validity
 * @param notAfter the leaf's end of validity
 * @param subjectAlternativeNames the leaf's DNS and IP subject alternative names
 * @param earliestNotAfter the earliest end of validity of any certificate in the chain
 * @param earliestNotAfterSubject the subject of the certificate that expires first
 * @param chainLength how many certificates the server sent
 */
public record CertificateInfo(
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    ImmutableList<String> subjectAlternativeNames,
    Instant earliestNotAfter,
    String earliestNotAfterSubject,
    int chainLength) {

  /** Validates every part. */
  public CertificateInfo {
    requireNonNull(subject, "subject");
    requireNonNull(issuer, "issuer");
    requireNonNull(notBefore, "notBefore");
    requireNonNull(notAfter, "notAfter");
    requireNonNull(subjectAlternativeNames, "subjectAlternativeNames");
    requireNonNull(earliestNotAfter, "earliestNotAfter");
    requireNonNull(earliestNotAfterSubject, "earliestNotAfterSubject");
    checkArgument(chainLength >= 1, "chainLength must be at least 1: %s", chainLength);
    checkArgument(
        !earliestNotAfter.isAfter(notAfter),
        "earliestNotAfter must not be after the leaf's notAfter: %s > %s",
        earliestNotAfter,
        notAfter);
  }

  /** Time left until the first certificate in the chain expires (negative once expired). */
  public Duration timeLeft(Instant now) {
    return Duration.between(now, earliestNotAfter);
  }
}

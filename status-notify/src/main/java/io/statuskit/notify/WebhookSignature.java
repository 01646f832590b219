package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.io.BaseEncoding;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How every webhook request is signed, and how a receiver checks it. The sender adds
 *
 * <pre>
 * StatusKit-Timestamp: 1733500000                         (seconds since the epoch, when sent)
 * StatusKit-Signature: v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 * Idempotency-Key:     wh_3kTMd9aB:42                     (subscriber id : event version)
 * </pre>
 *
 * <p>where the {@code v1} value is the lower-case hex HMAC-SHA256, keyed with the subscriber's
 * secret (its UTF-8 bytes), of the timestamp, a full stop and the raw request body: {@code
 * hmac(secret, timestamp + "." + body)}. A receiver recomputes it over the bytes it received,
 * compares in constant time, and refuses a timestamp more than five minutes from its own clock
 * (a replayed request). Retries are signed again with a new timestamp; the idempotency key stays.
 * Thread-safe (stateless).
 */
public final class WebhookSignature {
  /** The header with the signature. */
  public static final String SIGNATURE_HEADER = "StatusKit-Signature";

  /** The header with the timestamp the signature covers. */
  public static final String TIMESTAMP_HEADER = "StatusKit-Timestamp";

  /** The header with the idempotency key. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private WebhookSignature() {}

  /**
   * The signature header's value.
   *
   * @param secret the subscriber's secret
   * @param timestamp seconds since the epoch
   * @param body the exact body bytes
   * @return {@code "v1=" + hex}
   */
  public static String sign(String secret, long timestamp, byte[] body) {
    requireNonNull(secret, "secret");
    requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      mac.update(Long.toString(timestamp).getBytes(UTF_8));
      mac.update((byte) '.');
      mac.update(body);
      return "v1=" + BaseEncoding.base16().lowerCase().encode(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Whether a signature header value matches, compared in constant time. The caller checks the
   * timestamp's age.
   */
  public static boolean verify(String secret, long timestamp, byte[] body, String signatureHeader) {
    requireNonNull(signatureHeader, "signatureHeader");
    byte[] expected = sign(secret, timestamp, body).getBytes(UTF_8);
    return MessageDigest.isEqual(expected, signatureHeader.getBytes(UTF_8));
  }
}

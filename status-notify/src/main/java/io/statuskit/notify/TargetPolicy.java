package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook targets may be called. The subscribe form is open to the public, so by default a
 * URL must be https and every address its host resolves to must be public: loopback, private
 * (RFC 1918, IPv6 unique local), link-local (including cloud metadata at 169.254.169.254),
 * carrier-grade NAT, multicast and unspecified addresses are refused (server-side request
 * forgery). The check is made when the subscriber is added and again before every request;
 * redirects are never followed. Immutable and thread-safe.
 *
 * @param allowPlainHttp whether {@code http:} URLs are accepted
 * @param allowLoopback whether loopback addresses (127.0.0.0/8, ::1) are accepted: for tests and
 *     for receivers on the same host
 * @param allowPrivate whether private, link-local and carrier-grade NAT addresses are accepted:
 *     for a host whose receivers are on its own network
 */
public record TargetPolicy(boolean allowPlainHttp, boolean allowLoopback, boolean allowPrivate) {
  /** https to public addresses only. */
  public static TargetPolicy publicOnly() {
    return new TargetPolicy(false, false, false);
  }

  /** http or https to loopback or public addresses: for tests on 127.0.0.1. */
  public static TargetPolicy allowingLoopback() {
    return new TargetPolicy(true, true, false);
  }

  /**
   * Checks a URL and the addresses its host resolves to now.
   *
   * @throws IllegalArgumentException naming the URL and the refused address
   */
  public void check(URI url) {
    requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    checkArgument(
        scheme.equals("https") || (allowPlainHttp && scheme.equals("http")),
        allowPlainHttp ? "url must be http or https: %s" : "url must be https: %s",
        url);
    String host = url.getHost();
    checkArgument(host != null && !host.isEmpty(), "url must have a host: %s", url);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("url host does not resolve: " + url, e);
    }
    for (InetAddress address : addresses) {
      String refused = refusal(address);
      checkArgument(
          refused == null,
          "url %s resolves to %s, a %s address; webhooks to such targets are refused unless the host allows them",
          url,
          address.getHostAddress(),
          refused);
    }
  }

  /** Why an address is refused, or null when it is allowed. */
  @org.jspecify.annotations.Nullable
  String refusal(InetAddress address) {
    InetAddress a = unmapped(address);
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    if (a.isLoopbackAddress()) {
      return allowLoopback ? null : "loopback";
    }
    boolean privateRange = a.isSiteLocalAddress() || a.isLinkLocalAddress() || isUniqueLocal(a) || isSharedOrReserved(a);
    if (privateRange) {
      return allowPrivate ? null : "private or link-local";
    }
    return null;
  }

  private static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new AssertionError(e);
        }
      }
    }
    return address;
  }

  private static boolean isUniqueLocal(InetAddress a) {
    return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
  }

  /** 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4. */
  private static boolean isSharedOrReserved(InetAddress a) {
    if (!(a instanceof Inet4Address)) {
      return false;
    }
    byte[] b = a.getAddress();
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    return b0 == 0
        || (b0 == 100 && (b1 & 0xc0) == 64)
        || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0)
        || (b0 == 198 && (b1 & 0xfe) == 18)
        || b0 >= 240;
  }
}

package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a probe learned about the server besides up or down; each part is present only when the
 * probe measured it.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param resolvedAddress the address connected to or queried, or null
 * @param httpStatus the final HTTP status code, or null
 * @param banner the server's greeting or first reply line (SMTP, TCP expect), or null
 * @param certificate the TLS certificate chain seen, or null (also set when the handshake failed)
 * @param dnsRcode the DNS response code name ({@code NOERROR}, {@code NXDOMAIN}), or null
 * @param dnsAnswers the DNS answer records in presentation format
 * @param soaSerial the zone's SOA serial, or null
 * @param attributes further facts by name, for probe types of a host's own
 */
public record ProbeDetails(
    @Nullable InetAddress resolvedAddress,
    @Nullable Integer httpStatus,
    @Nullable String banner,
    @Nullable CertificateInfo certificate,
    @Nullable String dnsRcode,
    ImmutableList<String> dnsAnswers,
    @Nullable Long soaSerial,
    ImmutableMap<String, String> attributes) {

  private static final ProbeDetails NONE = builder().build();

  /** Validates every part. */
  public ProbeDetails {
    checkArgument(
        httpStatus == null || (httpStatus >= 100 && httpStatus <= 999),
        "httpStatus must be 100 to 999: %s",
        httpStatus);
    checkArgument(
        banner == null || banner.length() <= 4096,
        "banner must be at most 4096 chars: %s chars",
        banner == null ? 0 : banner.length());
    requireNonNull(dnsAnswers, "dnsAnswers");
    requireNonNull(attributes, "attributes");
  }

  /** No details. */
  public static ProbeDetails none() {
    return NONE;
  }

  /** A builder with no details set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these details. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.resolvedAddress = resolvedAddress;
    b.httpStatus = httpStatus;
    b.banner = banner;
    b.certificate = certificate;
    b.dnsRcode = dnsRcode;
    b.dnsAnswers.addAll(dnsAnswers);
    b.soaSerial = soaSerial;
    b.attributes.putAll(attributes);
    return b;
  }

  /** Builds {@link ProbeDetails}; not thread-safe. */
  public static final class Builder {
    private @Nullable InetAddress resolvedAddress;
    private @Nullable Integer httpStatus;
    private @Nullable String banner;
    private @Nullable CertificateInfo certificate;
    private @Nullable String dnsRcode;
    private final List<String> dnsAnswers = new ArrayList<>();
    private @Nullable Long soaSerial;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    /** The address connected to. */
    public Builder resolvedAddress(@Nullable InetAddress address) {
      this.resolvedAddress = address;
      return this;
    }

    /** The final HTTP status code. */
    public Builder httpStatus(@Nullable Integer status) {
      this.httpStatus = status;
      return this;
    }

    /** The server's greeting; cut to 4096 chars. */
    public Builder banner(@Nullable String banner) {
      this.banner = banner == null || banner.length() <= 4096 ? banner : banner.substring(0, 4096);
      return this;
    }

    /** The certificate chain seen. */
    public Builder certificate(@Nullable CertificateInfo certificate) {
      this.certificate = certificate;
      return this;
    }

    /** The DNS response code name. */
    public Builder dnsRcode(@Nullable String rcode) {
      this.dnsRcode = rcode;
      return this;
    }

    /** Adds DNS answer records. */
    public Builder dnsAnswers(List<String> answers) {
      this.dnsAnswers.addAll(answers);
      return this;
    }

    /** The SOA serial. */
    public Builder soaSerial(@Nullable Long serial) {
      this.soaSerial = serial;
      return this;
    }

    /** Sets a named fact. */
    public Builder attribute(String name, String value) {
      checkArgument(!name.isBlank(), "attribute name must not be blank: \"%s\"", name);
      attributes.put(name, requireNonNull(value, "attribute value"));
      return this;
    }

    /** Builds the details. */
    public ProbeDetails build() {
      return new ProbeDetails(
          resolvedAddress,
          httpStatus,
          banner,
          certificate,
          dnsRcode,
          ImmutableList.copyOf(dnsAnswers),
          soaSerial,
          ImmutableMap.copyOf(attributes));
    }
  }
}

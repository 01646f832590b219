package io.statuskit.probes.spi;

/**
 * Creates probes of one type from configuration. Register one with {@link
 * io.statuskit.probes.ProbeRegistry.Builder#register}, or list it in {@code
 * META-INF/services/io.statuskit.probes.spi.ProbeFactory} for {@link
 * io.statuskit.probes.ProbeRegistry.Builder#discover} (opt-in ServiceLoader discovery).
 *
 * <p>Implementations must be thread-safe.
 */
public interface ProbeFactory {
  /** The type name this factory handles, such as {@code "http"}: lower case letters and digits. */
  String type();

  /**
   * Creates a probe from its settings.
   *
   * <p>Read settings through {@code settings}, which records problems with their paths instead of
   * throwing; throw {@link IllegalArgumentException} from a builder for problems of combination.
   *
   * @param settings the probe's settings (everything but {@code type})
   * @return the probe; its value is ignored when {@code settings} recorded a problem
   */
  Probe create(ProbeSettings settings);
}

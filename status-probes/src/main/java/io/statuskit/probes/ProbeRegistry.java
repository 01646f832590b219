package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeFactory;
import io.statuskit.probes.spi.ProbeSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Probe types by name, for creating probes from configuration: the built-ins ({@code tcp}, {@code
 * http}, {@code tls}, {@code smtp}, {@code dns}, {@code dns-serial}, {@code icmp}) and any a host
 * registers. Registration is explicit; {@link Builder#discover} adds the factories {@link
 * ServiceLoader} finds, only when asked.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProbeRegistry {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final ProbeRegistry BUILT_INS = builder().builtIns().build();

  private final ImmutableMap<String, ProbeFactory> factories;

  private ProbeRegistry(ImmutableMap<String, ProbeFactory> factories) {
    this.factories = factories;
  }

  /** The built-in types only. */
  public static ProbeRegistry builtIns() {
    return BUILT_INS;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The registered type names. */
  public ImmutableSet<String> types() {
    return factories.keySet();
  }

  /** The factory of a type. */
  public Optional<ProbeFactory> factory(String type) {
    return Optional.ofNullable(factories.get(type));
  }

  /**
   * Creates a probe of {@code type}.
   *
   * @throws IllegalArgumentException for an unknown type, naming the known ones
   */
  public Probe create(String type, ProbeSettings settings) {
    ProbeFactory f = factories.get(type);
    checkArgument(f != null, "type: unknown probe type \"%s\" (known: %s)", type, String.join(", ", factories.keySet()));
    return f.create(settings);
  }

  /** Builds {@link ProbeRegistry}s; not thread-safe. */
  public static final class Builder {
    private final Map<String, ProbeFactory> factories = new LinkedHashMap<>();

    private Builder() {}

    /** Adds the built-in types. */
    public Builder builtIns() {
      BuiltInProbes.all().forEach(this::register);
      return this;
    }

    /**
     * Adds a factory.
     *
     * @throws IllegalArgumentException for a bad or already registered type name
     */
    public Builder register(ProbeFactory factory) {
      requireNonNull(factory, "factory");
      String type = factory.type();
      checkArgument(
          type != null && TYPE.matcher(type).matches(),
          "type must be lower case letters, digits and '-': \"%s\"",
          type);
      checkArgument(!factories.containsKey(type), "type \"%s\" is already registered", type);
      factories.put(type, factory);
      return this;
    }

    /** Adds every factory {@link ServiceLoader} finds through {@code loader} (opt-in discovery). */
    public Builder discover(ClassLoader loader) {
      for (ProbeFactory f : ServiceLoader.load(ProbeFactory.class, loader)) {
        register(f);
      }
      return this;
    }

    /** Builds the registry. */
    public ProbeRegistry build() {
      return new ProbeRegistry(ImmutableMap.copyOf(factories));
    }
  }
}

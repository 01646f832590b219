package io.statuskit.testkit.probes;

import static java.util.Objects.requireNonNull;

import io.statuskit.probes.ProbeEngine;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link ProbeEngine} as a parameter and closes it after the test, so a failing
 * test leaves no engine threads behind.
 *
 * <pre>{@code
 * @ExtendWith(ProbeEngineExtension.class)
 * class MyProbeTest {
 *   @Test
 *   void answersUp(ProbeEngine engine) {
 *     assertThat(engine.run(myProbe).join().outcome()).isEqualTo(Outcome.UP);
 *   }
 * }
 * }</pre>
 *
 * <p>Every parameter of one test (or of one {@code @BeforeEach}/{@code @AfterEach} around it) gets
 * the same engine; the next test gets a new one. A parameter of a {@code @BeforeAll} method gets an
 * engine for the whole class, closed after all its tests. To configure the engine, register an
 * instance: {@code @RegisterExtension static ProbeEngineExtension engines =
 * ProbeEngineExtension.configured(b -> b.ioThreads(1));}.
 *
 * <p>Thread-safe: the engines are kept in JUnit's extension store.
 */
public final class ProbeEngineExtension
    implements ParameterResolver, AfterEachCallback, AfterAllCallback {
  private static final Namespace NAMESPACE = Namespace.create(ProbeEngineExtension.class);
  private static final String KEY = "engine";

  private final Consumer<ProbeEngine.Builder> configuration;

  /** Engines with the defaults of {@link ProbeEngine#builder()}. */
  public ProbeEngineExtension() {
    this(builder -> {});
  }

  private ProbeEngineExtension(Consumer<ProbeEngine.Builder> configuration) {
    this.configuration = configuration;
  }

  /** Engines built by a builder that {@code configuration} has set up. */
  public static ProbeEngineExtension configured(Consumer<ProbeEngine.Builder> configuration) {
    return new ProbeEngineExtension(requireNonNull(configuration, "configuration"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ProbeEngine.class;
  }

  @Override
  public ProbeEngine resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    ProbeEngine engine = store.get(KEY, ProbeEngine.class);
    if (engine == null || engine.isClosed()) {
      ProbeEngine.Builder builder = ProbeEngine.builder();
      configuration.accept(builder);
      engine = builder.build();
      store.put(KEY, engine);
    }
    return engine;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close(context.getStore(NAMESPACE).remove(KEY, ProbeEngine.class));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close(context.getStore(NAMESPACE).remove(KEY, ProbeEngine.class));
  }

  private static void close(@Nullable ProbeEngine engine) {
    if (engine != null) {
      engine.close();
    }
  }
}

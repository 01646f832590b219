package io.statuskit.spring.internal;

import io.statuskit.monitor.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigException} from the {@code statuskit.*} settings into Spring Boot's
 * start-up report: every problem with its property name, instead of a stack trace. Registered in
 * {@code META-INF/spring.factories}. Stateless and thread-safe.
 */
public final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  /** The analyzer; Spring Boot makes it. */
  public ConfigFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    return new FailureAnalysis(
        "The StatusKit monitor settings are not valid: " + cause.getMessage(),
        "Fix the statuskit.* properties named above; docs/spring-boot.md lists the keys, which are the"
            + " config file's (docs/configuration.md).",
        cause);
  }
}

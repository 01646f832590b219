package io.statuskit.spring;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.MonitorConfigLoader;
import io.statuskit.page.PageSettings;
import io.statuskit.page.PingSource;
import io.statuskit.page.StatusSite;
import io.statuskit.spring.internal.EnvironmentMonitorConfig;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * StatusKit's core beans: the {@link StatusStore} (a journal in {@code
 * statuskit.store.journal.directory}, or PostgreSQL when {@code statuskit.store.postgres.url} is
 * set), the {@link StatusTracker} on it, the {@link MonitorConfig} of {@code statuskit.defaults}
 * and {@code statuskit.servers}, and the page's {@link PageSettings} and {@link StatusSite}. Each
 * bean steps aside for a bean of the same type that the application defines; a {@link Clock} bean
 * of the application's, if there is exactly one, is the tracker's and the page's clock.
 */
@AutoConfiguration
@EnableConfigurationProperties(StatusKitProperties.class)
@Import({
  StatusKitAutoConfiguration.PostgresStoreConfiguration.class,
  StatusKitAutoConfiguration.MissingPostgresStoreConfiguration.class,
  StatusKitAutoConfiguration.JournalStoreConfiguration.class
})
public class StatusKitAutoConfiguration {
  /** Made by Spring. */
  public StatusKitAutoConfiguration() {}

  /** The tracker on the store; closed (with its store) when the context closes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public StatusTracker statusTracker(StatusStore statusStore, ObjectProvider<Clock> clock) {
    return StatusTracker.builder().store(statusStore).clock(clock.getIfUnique(Clock::systemUTC)).build();
  }

  /**
   * The monitor config of {@code statuskit.defaults} and {@code statuskit.servers}, read by the
   * config file's rules; made when either is set.
   *
   * @throws io.statuskit.monitor.ConfigException naming every property that is not valid
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(OnMonitorSettings.class)
  public MonitorConfig statusKitMonitorConfig(Environment environment) {
    return EnvironmentMonitorConfig.load(environment, MonitorConfigLoader.create());
  }

  /**
   * What the page says about itself, from {@code statuskit.page}: without a base URL, {@code
   * http://localhost:<server.port><context path><path>/}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "statuskit.page", name = "enabled", matchIfMissing = true)
  public PageSettings statusKitPageSettings(StatusKitProperties properties, Environment environment) {
    StatusKitProperties.Page page = properties.page();
    URI baseUrl = page.toBaseUrl();
    if (baseUrl == null) {
      int port = environment.getProperty("server.port", Integer.class, 8080);
      String context = environment.getProperty("server.servlet.context-path", "");
      if (context.endsWith("/")) {
        context = context.substring(0, context.length() - 1);
      }
      baseUrl = URI.create("http://localhost" + (port > 0 ? ":" + port : "") + context + page.prefix() + "/");
    }
    return new PageSettings(page.name(), baseUrl, page.zoneId(), page.toLocale(), page.toNoData());
  }

  /** The status page site of the tracker's board; Spring MVC serves it (see {@link StatusPageHandler}). */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "statuskit.page", name = "enabled", matchIfMissing = true)
  public StatusSite statusSite(
      StatusTracker statusTracker,
      PageSettings statusKitPageSettings,
      StatusKitProperties properties,
      ObjectProvider<PingSource> pings,
      ObjectProvider<Clock> clock) {
    StatusKitProperties.Page page = properties.page();
    StatusSite.Builder site =
        StatusSite.builder()
            .boards(statusTracker::board)
            .settings(statusKitPageSettings)
            .pings(pings.getIfUnique(PingSource::none))
            .clock(clock.getIfUnique(Clock::systemUTC))
            .templates(page.templates())
            .hideInternalServers(page.hideInternalServers())
            .refreshInterval(page.refreshInterval());
    LocalDate tagDate = page.toTagDate();
    if (tagDate != null) {
      site.tagDate(tagDate);
    }
    return site.build();
  }

  /** The PostgreSQL store, when {@code statuskit.store.postgres.url} is set and the store is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.statuskit.store.postgres.PostgresStatusStore")
  @ConditionalOnProperty(prefix = "statuskit.store.postgres", name = "url")
  static class PostgresStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean({StatusStore.class, StatusTracker.class})
    StatusStore statusKitPostgresStore(StatusKitProperties properties) {
      StatusKitProperties.Postgres postgres = properties.store().postgres();
      PostgresStatusStore.Builder builder =
          PostgresStatusStore.builder().url(requireNonNull(postgres.url())).schema(postgres.schema());
      if (postgres.user() != null) {
        builder.user(postgres.user());
      }
      if (postgres.password() != null) {
        builder.password(postgres.password());
      }
      return builder.build();
    }
  }

  /**
   * {@code statuskit.store.postgres.url} is set but the PostgreSQL store is not on the class path:
   * an error, rather than a journal the application did not ask for.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("io.statuskit.store.postgres.PostgresStatusStore")
  @ConditionalOnProperty(prefix = "statuskit.store.postgres", name = "url")
  static class MissingPostgresStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean({StatusStore.class, StatusTracker.class})
    StatusStore statusKitPostgresStore() {
      throw new IllegalStateException(
          "statuskit.store.postgres.url is set, but the PostgreSQL store is not on the class path:"
              + " add the dependency io.statuskit:status-store-postgres (or remove the property to use the journal)");
    }
  }

  /** The journal, unless a PostgreSQL URL is set or the application has a store or a tracker of its own. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(NoPostgresUrl.class)
  static class JournalStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean({StatusStore.class, StatusTracker.class})
    StatusStore statusKitJournalStore(StatusKitProperties properties) {
      return JournalStatusStore.open(properties.store().journal().directory());
    }
  }

  /** Whether {@code statuskit.store.postgres.url} is unset or blank. */
  static final class NoPostgresUrl extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("statuskit.store.postgres.url");
      return url == null || url.isBlank()
          ? ConditionOutcome.match("statuskit.store.postgres.url is not set")
          : ConditionOutcome.noMatch("statuskit.store.postgres.url is set");
    }
  }

  /** Whether anything is set under {@code statuskit.defaults} or {@code statuskit.servers}. */
  static final class OnMonitorSettings extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return EnvironmentMonitorConfig.isConfigured(context.getEnvironment())
          ? ConditionOutcome.match("statuskit.servers or statuskit.defaults is set")
          : ConditionOutcome.noMatch("neither statuskit.servers nor statuskit.defaults is set");
    }
  }
}

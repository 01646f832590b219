package io.statuskit.spring;

import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorConfig;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Monitor} of the {@link MonitorConfig} bean (from {@code statuskit.servers}, or the
 * application's own), reporting to the tracker; started when the application context starts and
 * closed when it stops. An {@link IncidentPolicy} bean of the application's, if any, opens and
 * resolves incidents. {@code statuskit.monitor.vantage} (and {@code vantageQuorum}) name the probe
 * location it reports from, as the config file's {@code vantage} does. Off with {@code
 * statuskit.monitor.enabled=false}.
 */
@AutoConfiguration(after = StatusKitAutoConfiguration.class)
@ConditionalOnBean({MonitorConfig.class, StatusTracker.class})
@ConditionalOnProperty(prefix = "statuskit.monitor", name = "enabled", matchIfMissing = true)
public class StatusKitMonitorAutoConfiguration {
  /** Made by Spring. */
  public StatusKitMonitorAutoConfiguration() {}

  /** The monitor; not started here (see {@link #statusKitMonitorLifecycle}). */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Monitor statusKitMonitor(
      StatusTracker statusTracker,
      MonitorConfig config,
      StatusKitProperties properties,
      ObjectProvider<IncidentPolicy> policy,
      ObjectProvider<Clock> clock) {
    Monitor.Builder builder = Monitor.builder(statusTracker).config(config).incidentPolicy(policy.getIfUnique());
    properties.monitor().location().ifPresent(builder::vantage);
    Clock c = clock.getIfUnique();
    if (c != null) {
      builder.clock(c);
    }
    return builder.build();
  }

  /**
   * Starts the {@link Monitor} bean (the starter's or the application's: do not start your own)
   * when the context starts, and closes it when the context stops.
   */
  @Bean
  @ConditionalOnMissingBean
  public MonitorLifecycle statusKitMonitorLifecycle(Monitor monitor) {
    return new MonitorLifecycle(monitor);
  }

  /** Starts a monitor with the application context and closes it on stop; thread-safe. */
  public static final class MonitorLifecycle implements SmartLifecycle {
    private final Monitor monitor;
    private volatile boolean running;

    /** A lifecycle for {@code monitor}. */
    public MonitorLifecycle(Monitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public synchronized void start() {
      if (!running) {
        monitor.start();
        running = true;
      }
    }

    @Override
    public synchronized void stop() {
      if (running) {
        monitor.close();
        running = false;
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }
  }
}

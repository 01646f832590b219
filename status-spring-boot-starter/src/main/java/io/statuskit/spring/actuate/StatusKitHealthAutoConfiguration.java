package io.statuskit.spring.actuate;

import io.statuskit.monitor.Monitor;
import io.statuskit.spring.StatusKitMonitorAutoConfiguration;
import io.statuskit.spring.internal.ServerHealthDetails;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health for Spring Boot 3.5: a composite contributor {@code statuskit} with one indicator per server
 * of the {@link Monitor} bean, named by server id ({@code /actuator/health/statuskit/NC036}). A
 * server is {@code UP} when up or degraded, {@code DOWN} when down and {@code UNKNOWN} before its
 * first round; the details hold its states, streaks and last results. Off with {@code
 * management.health.statuskit.enabled=false}; the Boot 4 twin, {@code io.statuskit.spring.health.StatusKitHealthAutoConfiguration}, steps in there.
 *
 * <p>A monitored server that is down makes the application's overall health {@code DOWN}: keep
 * the {@code statuskit} contributor out of the health groups a load balancer or Kubernetes probes
 * (see docs/spring-boot.md).
 */
@AutoConfiguration(after = StatusKitMonitorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(Monitor.class)
@ConditionalOnEnabledHealthIndicator("statuskit")
public class StatusKitHealthAutoConfiguration {
  /** Made by Spring. */
  public StatusKitHealthAutoConfiguration() {}

  /** The {@code statuskit} contributor: one indicator per monitored server. */
  @Bean
  @ConditionalOnMissingBean(name = "statuskitHealthContributor")
  public CompositeHealthContributor statuskitHealthContributor(Monitor monitor) {
    Map<String, HealthIndicator> servers = new LinkedHashMap<>();
    for (String id : monitor.serverIds().stream().sorted().toList()) {
      servers.put(id, new ServerIndicator(monitor, id));
    }
    return CompositeHealthContributor.fromMap(servers);
  }

  /** One server's health from the monitor's state; thread-safe. */
  private record ServerIndicator(Monitor monitor, String serverId) implements HealthIndicator {
    @Override
    public Health health() {
      var state = monitor.state(serverId);
      return Health.status(ServerHealthDetails.status(state)).withDetails(ServerHealthDetails.details(state)).build();
    }
  }
}

package io.statuskit.spring;

import io.statuskit.page.StatusSite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Serves the {@link StatusSite} bean with Spring MVC at {@code statuskit.page.path} ({@code
 * /status} by default): the page, its posts, archives, search, server pages, badges, the feeds,
 * the maintenance calendar and the Statuspage v2 API. The mapping comes after the application's
 * own controllers and before static resources, so a controller of the application's wins for a
 * path of its own.
 */
@AutoConfiguration(after = StatusKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SimpleUrlHandlerMapping.class})
@ConditionalOnBean(StatusSite.class)
public class StatusKitWebMvcAutoConfiguration {
  /** Between the annotated controllers (order 0) and static resources (lowest precedence - 1). */
  public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

  /** Made by Spring. */
  public StatusKitWebMvcAutoConfiguration() {}

  /** The handler of the page's routes. */
  @Bean
  @ConditionalOnMissingBean
  public StatusPageHandler statusPageHandler(StatusSite statusSite, StatusKitProperties properties) {
    return new StatusPageHandler(statusSite, properties.page().prefix());
  }

  /** Maps {@code <path>} and {@code <path>/**} to the handler. */
  @Bean
  @ConditionalOnMissingBean(name = "statusPageHandlerMapping")
  public SimpleUrlHandlerMapping statusPageHandlerMapping(StatusPageHandler statusPageHandler) {
    String prefix = statusPageHandler.prefix();
    Map<String, Object> urls = new LinkedHashMap<>();
    if (!prefix.isEmpty()) {
      urls.put(prefix, statusPageHandler);
    }
    urls.put(prefix + "/**", statusPageHandler);
    return new SimpleUrlHandlerMapping(urls, ORDER);
  }
}

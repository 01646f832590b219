package io.statuskit.examples;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.StatusTracker;
import io.statuskit.examples.config.ExampleConfig;
import io.statuskit.examples.page.PageRenderer;
import io.statuskit.examples.page.PageSettings;
import io.statuskit.examples.page.PingSource;
import io.statuskit.examples.page.TemplateSet;
import io.statuskit.examples.sample.SampleBoard;
import io.statuskit.examples.sample.SeededStore;
import io.statuskit.examples.server.Site;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the commands put the pieces together; shared by {@code serve} and {@code export}. */
final class Wiring {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /** Opens the tracker on the data directory, seeding it with the sample when it is new. */
  static StatusTracker openTracker(ExampleConfig config, Path data, Clock clock) {
    log.info("starting from the NinerNet sample (data directory {} is not used yet)", data);
    return StatusTracker.builder().clock(clock).store(new SeededStore(SampleBoard.load())).build();
  }

  static TemplateSet templates(@Nullable Path directory) {
    return directory == null ? TemplateSet.builtIn() : TemplateSet.withOverrides(directory);
  }

  static Site site(PageSettings page, TemplateSet templates, PingSource pings, Clock clock, boolean dynamic) {
    PageRenderer renderer = new PageRenderer(page, templates, pings, clock, dynamic);
    return new Site(renderer, templates, Site.SiteDocuments.of(page.zone(), ImmutableMap.of()));
  }
}

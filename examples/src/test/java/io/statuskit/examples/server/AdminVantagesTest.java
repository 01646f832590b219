package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Command;
import io.statuskit.core.Coverage;
import io.statuskit.core.Server;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Vantage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code DELETE /api/admin/vantages/{name}} forgets a probe location that is gone for good. */
class AdminVantagesTest {
  private static final String TOKEN = "Bearer admin-token-0123456789";

  @Test
  void deleteForgetsTheLocationOnEveryServerAndAnUnknownOneIs404() {
    try (StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC())) {
      OffsetDateTime now = OffsetDateTime.now(Clock.systemUTC());
      for (String id : new String[] {"NC027", "NC036"}) {
        tracker.execute(new Command.AddServer(Server.builder(id).build(), null));
      }
      for (String location : new String[] {"amsterdam", "tokyo"}) {
        tracker.execute(
            new Command.ReportCoverage(
                "monitor-" + location,
                ImmutableList.of(new Command.ReportCoverage.Watched("NC027", null), new Command.ReportCoverage.Watched("NC036", null)),
                now.plusMinutes(3),
                now,
                Vantage.of(location)));
      }
      AdminApi api = AdminApi.create(tracker, "admin-token-0123456789");

      assertThat(delete(api, "vantages/tokyo", null).status()).isEqualTo(401);
      assertThat(requireNonNull(tracker.board().serverStatus("NC027").orElseThrow().coverage()).vantages()).containsKey("tokyo");

      AdminApi.Reply forgotten = delete(api, "vantages/tokyo", TOKEN);
      assertThat(forgotten.status()).isEqualTo(204);
      for (String id : new String[] {"NC027", "NC036"}) {
        Coverage coverage = requireNonNull(tracker.board().serverStatus(id).orElseThrow().coverage());
        assertThat(coverage.vantages().keySet()).as(id).containsExactly("amsterdam");
      }

      AdminApi.Reply again = delete(api, "vantages/tokyo", TOKEN);
      assertThat(again.status()).isEqualTo(404);
      assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("unknown_vantage").contains("tokyo");
      assertThat(delete(api, "vantages/not%20a%20name", TOKEN).status()).isEqualTo(400);
      assertThat(api.handle("POST", "vantages/amsterdam", TOKEN, "application/json", new ByteArrayInputStream(new byte[0])).status())
          .isEqualTo(405);
    }
  }

  private static AdminApi.Reply delete(AdminApi api, String route, @Nullable String authorization) {
    return api.handle("DELETE", route, authorization, null, new ByteArrayInputStream(new byte[0]));
  }
}

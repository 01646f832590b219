package io.statuskit.testkit.properties;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;

import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Page;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import io.statuskit.core.testing.CommandScript;
import io.statuskit.core.testing.CommandScript.Step;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The board answers queries from its indexes; the answers must be exactly those of a filter
 * with {@link IncidentQuery#matches} over every incident, newest first.
 */
class BoardQueryPropertiesTest {
  private static final ZoneId[] ZONES = {
    ZoneOffset.UTC,
    ZoneId.of("Europe/London"),
    ZoneId.of("America/Sao_Paulo"),
    ZoneId.of("Pacific/Apia"),
    ZoneId.of("Australia/Lord_Howe"),
    ZoneOffset.ofHours(14),
    ZoneOffset.ofHours(-12)
  };
  private static final String[] NEEDLES = {
    "MAIL", "timed OUT", "rÜdiger", "ΣΊΣΥΦΟΣ", "µ", "ß", "İ", "ı", "🚀", "中文", "\u212a", "x", "<B>",
    "no such words", "e", "SERVER SHUT"
  };

  /** Which criteria a query sets and how; each number picks something from the board. */
  record Seed(int mask, int incident, int pick, int zone, int shift, int offset, int limit) {}

  private static Generator<ImmutableList<Seed>> seeds() {
    Generator<Integer> mask = Generators.integers(0, (1 << 10) - 1);
    Generator<Integer> any = Generators.integers(0, 1 << 12);
    Generator<Integer> zone = Generators.integers(0, ZONES.length - 1);
    Generator<Integer> shift = Generators.integers(-3, 3);
    Generator<Integer> offset = Generators.integers(0, 6);
    Generator<Integer> limit = Generators.integers(1, 8);
    Generator<Seed> seed =
        s ->
            new Seed(
                mask.generate(s), any.generate(s), any.generate(s), zone.generate(s), shift.generate(s),
                offset.generate(s), limit.generate(s));
    return seed.list(1, 25);
  }

  @Test
  void indexedQueriesReturnWhatAFilterOverEveryIncidentReturns() {
    qt().withExamples(150)
        .forAll(gen(CoreScripts.scripts(120)), gen(seeds()))
        .checkAssert(BoardQueryPropertiesTest::answersAsAFilter);
  }

  private static void answersAsAFilter(List<Step> steps, List<Seed> seeds) {
    StatusBoard board = CommandScript.board(steps);
    StatusBoard rebuilt =
        StatusBoard.of(
            board.version(), board.updatedAt().orElse(null), board.servers(), board.incidents());
    for (Seed seed : seeds) {
      IncidentQuery query = query(board, seed);
      List<Incident> all =
          board.incidents().stream().filter(query::matches).collect(Collectors.toList());
      int from = Math.min(query.offset(), all.size());
      List<Incident> expected = all.subList(from, Math.min(all.size(), from + query.limit()));
      for (StatusBoard b : List.of(board, rebuilt)) {
        Page<Incident> page = b.incidents(query);
        assertThat(page.items()).as("%s", query).containsExactlyElementsOf(expected);
        assertThat(page.total()).as("%s", query).isEqualTo(all.size());
      }
    }
  }

  @Test
  void textSearchMatchesRegionMatchesIgnoringCase() {
    qt().withExamples(300)
        .forAll(gen(haystacks()), gen(haystacks()))
        .checkAssert(BoardQueryPropertiesTest::matchesAsRegionMatches);
  }

  private static void matchesAsRegionMatches(String haystack, String needle) {
    if (needle.isBlank() || needle.length() > 20) {
      return;
    }
    boolean expected = false;
    for (int i = 0; i + needle.length() <= haystack.length() && !expected; i++) {
      expected = haystack.regionMatches(true, i, needle, 0, needle.length());
    }
    String foldedHaystack = io.statuskit.core.internal.FoldedText.fold(haystack);
    String foldedNeedle = io.statuskit.core.internal.FoldedText.fold(needle);
    if (foldedHaystack != null && foldedNeedle != null) {
      assertThat(foldedHaystack.contains(foldedNeedle)).isEqualTo(expected);
    } else {
      assertThat(haystack.codePoints().anyMatch(Character::isSupplementaryCodePoint)
              || needle.codePoints().anyMatch(Character::isSupplementaryCodePoint)
              || haystack.chars().anyMatch(c -> Character.isSurrogate((char) c))
              || needle.chars().anyMatch(c -> Character.isSurrogate((char) c)))
          .isTrue();
    }
  }

  /** Strings of up to 12 characters: case-folding troublemakers, Latin and Greek. */
  private static Generator<String> haystacks() {
    return Generators.strings(
        "aAbBsSkKiIıİµΜμßẞΣσςÿŸ\u212a\u0130ǅǆǄ ΐ\u1e9e", 0, 12, '\u0000', '\u024f', '\u0370', '\u03ff');
  }

  private static IncidentQuery query(StatusBoard board, Seed seed) {
    IncidentQuery.Builder builder =
        IncidentQuery.builder().zone(ZONES[seed.zone()]).offset(seed.offset()).limit(seed.limit());
    List<Incident> incidents = board.incidents();
    int mask = seed.mask();
    if (incidents.isEmpty()) {
      if ((mask & 1) != 0) {
        builder.server("nobody");
      }
      if ((mask & 2) != 0) {
        builder.text(NEEDLES[seed.pick() % NEEDLES.length]);
      }
      return builder.build();
    }
    Incident incident = incidents.get(seed.incident() % incidents.size());
    List<ServerStatus> servers = board.servers();
    if ((mask & 1) != 0) {
      List<String> affected = new ArrayList<>(incident.affected().keySet());
      if (!affected.isEmpty() && seed.pick() % 4 != 0) {
        builder.server(affected.get(seed.pick() % affected.size()));
      } else if (!servers.isEmpty()) {
        builder.server(servers.get(seed.pick() % servers.size()).id());
      }
    }
    if ((mask & 2) != 0 && !incident.tags().isEmpty()) {
      List<Tag> tags = new ArrayList<>(incident.tags());
      builder.tag(tags.get(seed.pick() % tags.size()));
    }
    if ((mask & 4) != 0 && !incident.categories().isEmpty()) {
      List<Category> categories = new ArrayList<>(incident.categories());
      builder.category(categories.get(seed.pick() % categories.size()));
    }
    if ((mask & 8) != 0) {
      builder.kind(IncidentKind.values()[seed.pick() % IncidentKind.values().length]);
    }
    if ((mask & 16) != 0) {
      YearMonth month = YearMonth.from(incident.createdInstant().atZone(ZONES[seed.zone()]));
      builder.month(month.plusMonths(seed.shift() / 2));
    }
    if ((mask & 32) != 0) {
      Instant created = incident.createdInstant();
      Duration step = Duration.ofSeconds(seed.shift() * 3L);
      Instant updated = incident.updatedAt().toInstant();
      builder.between(
          (mask & 64) != 0 ? updated.plus(step) : null, (mask & 128) != 0 ? created.plus(step) : null);
    }
    if ((mask & 256) != 0) {
      builder.openOnly(true);
    }
    if ((mask & 512) != 0) {
      builder.text(needle(incident, seed));
    }
    return builder.build();
  }

  private static String needle(Incident incident, Seed seed) {
    if (seed.pick() % 3 == 0) {
      return NEEDLES[seed.pick() % NEEDLES.length];
    }
    List<String> texts = new ArrayList<>();
    texts.add(incident.title());
    for (IncidentUpdate update : incident.updates()) {
      texts.add(update.body().text());
    }
    String text = texts.get(seed.pick() % texts.size());
    int start = seed.incident() % text.length();
    int end = Math.min(text.length(), start + 1 + seed.limit());
    String piece = text.substring(start, end);
    piece = seed.shift() > 0 ? piece.toUpperCase(Locale.ROOT) : piece.toLowerCase(Locale.ROOT);
    return piece.isBlank() || piece.length() > 500 ? "mail" : piece;
  }
}

package io.statuskit.testkit.generators;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.NullPointerTester;
import io.statuskit.core.IncidentKind;
import io.statuskit.testkit.quicktheories.QuickTheoriesGenerators;
import io.statuskit.testkit.probes.ProbeScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generators are reproducible from a seed and shrink through the QuickTheories adapter. */
class GeneratorsTest {

  @Test
  void theSameSeedGivesTheSameValuesAndAnotherSeedOthers() {
    assertThat(StatusGenerators.commandScripts().sample(42).toString())
        .isEqualTo(StatusGenerators.commandScripts().sample(42).toString());
    assertThat(StatusGenerators.incidents().samples(7, 20)).isEqualTo(StatusGenerators.incidents().samples(7, 20));
    assertThat(ProbeScripts.scripts().samples(1, 10)).isNotEqualTo(ProbeScripts.scripts().samples(2, 10));
    RandomSource a = RandomSource.of(new SplittableRandom(3));
    RandomSource b = RandomSource.seeded(3);
    assertThat(StatusGenerators.timelines().generate(a)).isEqualTo(StatusGenerators.timelines().generate(b));
  }

  @Test
  void drawsStayWithinTheirBoundsEvenAtTheEndsOfLong() {
    RandomSource source = RandomSource.seeded(5);
    for (int i = 0; i < 1_000; i++) {
      assertThat(source.between(-3L, 3L)).isBetween(-3L, 3L);
      assertThat(source.between(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isGreaterThanOrEqualTo(Long.MAX_VALUE - 1);
      assertThat(source.between(Long.MIN_VALUE, Long.MIN_VALUE + 1)).isLessThanOrEqualTo(Long.MIN_VALUE + 1);
    }
    source.between(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThatThrownBy(() -> source.between(2L, 1L)).hasMessage("min must not be greater than max: 2 > 1");
  }

  @Test
  void frequencyChoosesInProportionToTheWeights() {
    Generator<String> choice =
        Generators.frequency(Generators.weighted(3, Generators.constant("often")), Generators.weighted(1, Generators.constant("rarely")));
    long often = choice.samples(11, 4_000).stream().filter("often"::equals).count();
    assertThat(often).isBetween(2_800L, 3_200L);
  }

  /**
   * QuickTheories shrinks each draw towards its simplest value but never deletes draws, so a
   * list keeps the length at which the failure stays: the elements shrink, the length may not.
   */
  @Test
  void quickTheoriesShrinksAFailureTowardsTheSmallestCaseAndPrintsItsSeed() {
    Generator<ImmutableList<Integer>> lists = Generators.integers(0, 1_000).list(0, 50);
    // A fixed seed: how far shrinking gets depends on the cases drawn, so a random seed would make
    // this test flaky. Shrinking makes each number smaller but never drops an item, so the
    // smallest case found is a list whose sum is exactly the boundary, 100.
    Throwable failure =
        catchThrowable(
            () ->
                qt().withFixedSeed(20261206L)
                    .withExamples(500)
                    .forAll(gen(lists))
                    .checkAssert(list -> assertThat(list.stream().mapToInt(i -> i).sum()).isLessThan(100)));
    assertThat(failure).isInstanceOf(AssertionError.class);
    Matcher smallest =
        Pattern.compile("Smallest found falsifying value\\(s\\) :-\\R\\[([0-9, ]*)\\]").matcher(failure.getMessage());
    assertThat(smallest.find()).as("the smallest case is printed: %s", failure.getMessage()).isTrue();
    int sum = 0;
    for (String item : smallest.group(1).split(", ")) {
      sum += Integer.parseInt(item);
    }
    assertThat(sum).isEqualTo(100);
    assertThat(failure.getMessage()).containsPattern("Seed was -?[0-9]+");
  }

  @Test
  void aFixedSeedReplaysTheSameCases() {
    List<Object> first = new ArrayList<>();
    List<Object> second = new ArrayList<>();
    qt().withFixedSeed(1234).withExamples(20).forAll(gen(StatusGenerators.servers())).checkAssert(first::add);
    qt().withFixedSeed(1234).withExamples(20).forAll(gen(StatusGenerators.servers())).checkAssert(second::add);
    // QuickTheories skips a case it has already tried, so there may be fewer than 20.
    assertThat(first).hasSizeGreaterThan(10).isEqualTo(second);
  }

  @Test
  void publicMethodsRefuseNulls() {
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(Generator.class, Generators.constant("x"))
            .setDefault(RandomSource.class, RandomSource.seeded(1))
            .setDefault(IncidentKind.class, IncidentKind.INCIDENT);
    tester.testAllPublicStaticMethods(Generators.class);
    tester.testAllPublicStaticMethods(StatusGenerators.class);
    tester.testAllPublicStaticMethods(RandomSource.class);
    tester.testAllPublicStaticMethods(QuickTheoriesGenerators.class);
    tester.testAllPublicInstanceMethods(Generators.integers(0, 9));
  }
}

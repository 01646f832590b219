package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tag and category slugs are unique to their labels, so a collision never merges two tags. */
class SlugTest {
  @Test
  void labelsThatOnlyDifferInCaseOrSeparatorsAreOneTag() {
    assertThat(Tag.of(".co.zm domains").slug()).isEqualTo("co-zm-domains");
    assertThat(Tag.of("CO ZM  Domains")).isEqualTo(Tag.of(".co.zm domains"));
    assertThat(Tag.of("Email").slug()).isEqualTo("email");
  }

  @Test
  void labelsThatDifferOtherwiseNeverShareASlug() {
    List<String> labels = List.of("cat", "Cat!", "cat?", "cät", "Cat 😺", "c@t", "cat#1", "cat+", "(cat)", "'cat'");
    Set<String> slugs = new HashSet<>();
    for (String label : labels) {
      assertThat(slugs.add(Category.of(label).slug())).as("slug of %s is new: %s", label, Category.of(label).slug()).isTrue();
    }
    assertThat(Tag.of("cat!").slug()).isEqualTo("cat%21");
    assertThat(Tag.of("Cät").slug()).isEqualTo("c%c3%a4t");
  }

  @Test
  void aSlugNamesItsTagInAQueryAsTheLabelDoes() {
    Tag tag = Tag.of("Cät!");
    assertThat(IncidentQuery.builder().tag(tag.slug()).build()).isEqualTo(IncidentQuery.builder().tag("Cät!").build());
    assertThat(IncidentQuery.builder().tag("C%C3%A4T%21").build()).isEqualTo(IncidentQuery.builder().tag("Cät!").build());
  }

  @Test
  void slugsKeptByEarlierReleasesStillRead() {
    assertThat(new Tag(".co.zm domains", "co-zm-domains").slug()).isEqualTo("co-zm-domains");
    assertThat(new Tag("🚀", "u1f680").slug()).isEqualTo("u1f680");
  }
}

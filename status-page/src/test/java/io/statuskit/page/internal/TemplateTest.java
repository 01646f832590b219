package io.statuskit.page.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static String render(String source, Object context) {
    return Template.compile("test", source).render(context, name -> Optional.empty());
  }

  @Test
  void everyValueIsEscaped() {
    String html = render("<p title=\"{{t}}\">{{t}}</p>", Map.of("t", "<script>alert('x')</script> & \"q\""));

    assertThat(html)
        .isEqualTo(
            "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
  }

  @Test
  void safeHtmlIsInsertedAsItIs() {
    assertThat(render("<div>{{b}}</div>", Map.of("b", new SafeHtml("<em>host</em>")))).isEqualTo("<div><em>host</em></div>");
  }

  @Test
  void unescapedSyntaxIsRejected() {
    assertThatThrownBy(() -> Template.compile("t", "{{{raw}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template t line 1")
        .hasMessageContaining("unescaped output is not supported");
    assertThatThrownBy(() -> Template.compile("t", "a\n{{& raw}}")).hasMessageContaining("line 2");
  }

  @Test
  void sectionsRepeatOverListsAndLookOutwards() {
    String html =
        render(
            "{{#items}}[{{name}} of {{owner}}]{{/items}}{{^items}}none{{/items}}",
            Map.of("owner", "o", "items", List.of(Map.of("name", "a"), Map.of("name", "b"))));

    assertThat(html).isEqualTo("[a of o][b of o]");
    assertThat(render("{{#items}}x{{/items}}{{^items}}none{{/items}}", Map.of("items", List.of()))).isEqualTo("none");
  }

  @Test
  void dottedNamesAndBooleansAndMissingValues() {
    Map<String, Object> context = Map.of("a", Map.of("b", "deep"), "yes", true, "no", false);

    assertThat(render("{{a.b}}|{{#yes}}Y{{/yes}}|{{#no}}N{{/no}}|{{missing}}|{{a.missing}}", context))
        .isEqualTo("deep|Y|||");
  }

  @Test
  void unclosedSectionsAreErrorsNamingTheSection() {
    assertThatThrownBy(() -> Template.compile("t", "{{#a}}x")).hasMessageContaining("section a is not closed");
    assertThatThrownBy(() -> Template.compile("t", "{{#a}}x{{/b}}")).hasMessageContaining("{{/b}} closes nothing open");
  }

  @Test
  void partialsComeFromTheSet() {
    Template outer = Template.compile("outer", "<{{> inner}}>");
    Template inner = Template.compile("inner", "{{x}}");

    assertThat(outer.render(Map.of("x", "&"), name -> name.equals("inner") ? Optional.of(inner) : Optional.empty()))
        .isEqualTo("<&amp;>");
  }
}

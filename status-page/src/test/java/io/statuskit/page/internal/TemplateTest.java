package io.statuskit.page.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
  @TempDir Path overrides;

  private static String render(String source, Object context) {
    Mustache template = TemplateSet.compileSource("test", source);
    StringWriter out = new StringWriter();
    template.execute(out, context);
    return out.toString();
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
  void safeHtmlIsInsertedAsItIsUnderANameEndingInHtml() {
    assertThat(render("<div>{{{body.html}}}</div>", Map.of("body", Map.of("html", new SafeHtml("<em>host</em>")))))
        .isEqualTo("<div><em>host</em></div>");
  }

  @Test
  void unescapedSyntaxIsRejected() {
    assertThatThrownBy(() -> TemplateSet.compileSource("t", "{{{raw}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template t")
        .hasMessageContaining("unescaped output is not supported");
    assertThatThrownBy(() -> TemplateSet.compileSource("t", "a\n{{& raw}}")).hasMessageContaining("line 2");
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
  void unclosedSectionsAreErrors() {
    assertThatThrownBy(() -> TemplateSet.compileSource("t", "{{#a}}x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TemplateSet.compileSource("t", "{{#a}}x{{/b}}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHostsFilesWinOverTheBuiltInOnesAndPartialsComeFromTheSet() throws Exception {
    Files.writeString(overrides.resolve("pager.html"), "<nav>{{> greeting}}</nav>");
    Files.writeString(overrides.resolve("greeting.html"), "hello {{name}}");
    Files.writeString(overrides.resolve("style.css"), "body { color: teal; }");
    TemplateSet set = TemplateSet.withOverrides(overrides);

    assertThat(set.render("pager", Map.of("name", "<you>"))).isEqualTo("<nav>hello &lt;you&gt;</nav>");
    assertThat(set.asset("style.css")).hasValueSatisfying(css -> assertThat(new String(css)).contains("teal"));
    assertThat(TemplateSet.builtIn().asset("style.css")).hasValueSatisfying(css -> assertThat(new String(css)).doesNotContain("teal"));
    assertThat(set.render("footer", Map.of())).isEqualTo(TemplateSet.builtIn().render("footer", Map.of()));
  }
}

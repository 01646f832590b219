package io.statuskit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * status-bom against the aggregator: every published module is in the BOM, nothing else is, and
 * the BOM's JUnit is the one the testkit is built with. (The BOM has no parent, so nothing else
 * keeps them in step.) Reads the POMs of the source tree; Surefire runs in the module directory.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> NOT_IN_BOM = List.of("examples", "benchmarks", "status-bom");

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("status-bom/pom.xml"));

    List<String> published = new ArrayList<>();
    for (String module : texts(parent.getDocumentElement(), "module")) {
      if (!NOT_IN_BOM.contains(module)) {
        published.add(module);
      }
    }
    List<String> managed = new ArrayList<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "groupId").equals("io.statuskit")) {
        managed.add(text(dependency, "artifactId"));
        assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      }
    }

    assertThat(published).isNotEmpty();
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    assertThat(text(bom.getDocumentElement(), "version"))
        .isEqualTo(text(parent.getDocumentElement(), "version"));
  }

  @Test
  void theBomPinsTheJunitVersionTheTestkitIsBuiltWith() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("status-bom/pom.xml"));
    assertThat(text(bom.getDocumentElement(), "junit.version"))
        .isEqualTo(text(parent.getDocumentElement(), "junit.version"));
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of the first descendant named {@code tag}. */
  private static String text(Element element, String tag) {
    NodeList found = element.getElementsByTagName(tag);
    assertThat(found.getLength()).as("<%s> in <%s>", tag, element.getTagName()).isPositive();
    return found.item(0).getTextContent().trim();
  }

  private static List<String> texts(Element element, String tag) {
    NodeList found = element.getElementsByTagName(tag);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < found.getLength(); i++) {
      texts.add(found.item(i).getTextContent().trim());
    }
    return texts;
  }
}

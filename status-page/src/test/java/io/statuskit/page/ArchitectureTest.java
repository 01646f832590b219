package io.statuskit.page;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.statuskit.testkit.architecture.StatusKitArchitecture;
import io.statuskit.testkit.architecture.StatusKitArchitecture.Module;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses PAGE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit.page");

  @Test
  void pageKeepsItsSeams() {
    for (ArchRule rule : StatusKitArchitecture.all(Module.PAGE)) {
      rule.check(PAGE);
    }
  }

  @Test
  void thePageDependsOnNoHttpServerAndNoModuleAboveIt() {
    noClasses()
        .that().resideInAPackage("io.statuskit.page..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet..", "com.sun.net.httpserver..",
            "io.statuskit.probes..", "io.statuskit.testkit..", "io.statuskit.examples..")
        .because("the page is a function from a request to a response that any HTTP server can call")
        .check(PAGE);
  }

  @Test
  void logicNeverReadsTheSystemClock() {
    noClasses()
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .because("time comes from the injected Clock")
        .check(PAGE);
  }
}

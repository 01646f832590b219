package io.statuskit.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The starter's seams: the Boot 3.5 and Boot 4 health APIs are each used only in their own
 * package (so one jar serves both Boot lines), nothing else refers to those packages, the starter
 * uses no test library and no StatusKit test support, and no Jetty.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.statuskit.spring");

  @Test
  void theBoot3HealthApiIsUsedOnlyInTheActuatePackage() {
    noClasses()
        .that().resideOutsideOfPackage("io.statuskit.spring.actuate..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework.boot.actuate.health..", "org.springframework.boot.actuate.autoconfigure..")
        .because("Boot 4 has no org.springframework.boot.actuate.health; only the Boot 3.5 configuration may use it")
        .check(MAIN);
  }

  @Test
  void theBoot4HealthApiIsUsedOnlyInTheHealthPackage() {
    noClasses()
        .that().resideOutsideOfPackage("io.statuskit.spring.health..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.health..")
        .because("Boot 3.5 has no org.springframework.boot.health; only the Boot 4 configuration may use it")
        .check(MAIN);
  }

  @Test
  void noClassReachesIntoTheBootSpecificPackages() {
    noClasses()
        .that().resideOutsideOfPackages("io.statuskit.spring.actuate..", "io.statuskit.spring.health..")
        .should().dependOnClassesThat().resideInAnyPackage("io.statuskit.spring.actuate..", "io.statuskit.spring.health..")
        .because("they are loaded only by their AutoConfiguration.imports line, when their Boot API is present")
        .check(MAIN);
  }

  @Test
  void mainCodeUsesNoTestLibraryOrTestSupport() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.junit..", "org.assertj..", "org.quicktheories..", "com.tngtech.archunit..", "org.opentest4j..",
            "org.springframework.boot.test..", "org.springframework.test..", "org.mockito..",
            "io.statuskit.testkit..", "io.statuskit.testservers..", "io.statuskit.examples..", "org.eclipse.jetty..")
        .because("no library jar depends on a test library (ARCHITECTURE.md), and the page needs no server of its own")
        .check(MAIN);
  }
}

package io.statuskit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit.core");

  @Test
  void coreDependsOnNoOtherStatusKitModule() {
    noClasses()
        .that().resideInAPackage("io.statuskit.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.statuskit.probes..", "io.statuskit.feeds..", "io.statuskit.testkit..", "io.statuskit.examples..")
        .check(CORE);
  }

  @Test
  void logicNeverReadsTheSystemClock() {
    noClasses()
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.OffsetDateTime.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .because("time comes from the injected Clock")
        .check(CORE);
  }

  @Test
  void domainTypesCarryNoJacksonAnnotations() {
    noClasses()
        .that().resideInAPackage("io.statuskit.core")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .check(CORE);
  }

  @Test
  void apiDoesNotExposeInternals() {
    noClasses()
        .that().resideOutsideOfPackage("io.statuskit.core..")
        .should().dependOnClassesThat().resideInAPackage("io.statuskit.core.internal..")
        .allowEmptyShould(true)
        .check(CORE);
  }
}

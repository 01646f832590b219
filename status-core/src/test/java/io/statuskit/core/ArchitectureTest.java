package io.statuskit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core's own rules. The module seams (tiers, no internal type in the API, no test library) are
 * defined once in status-testkit's {@code StatusKitArchitecture} and checked for core there, since
 * core's tests cannot depend on the testkit.
 */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit.core");

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
}

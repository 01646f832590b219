package io.statuskit.store.postgres;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.statuskit.testkit.architecture.StatusKitArchitecture;
import io.statuskit.testkit.architecture.StatusKitArchitecture.Module;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store keeps its seams: only core (and notify, whose store SPI it implements) below it, no internal type in its API, no test library in its main code. The rules are
 * status-testkit's {@link StatusKitArchitecture}, shown there to fail on deliberate violations.
 */
class ArchitectureTest {
  private static final JavaClasses STORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit.store.postgres");

  @Test
  void keepsItsSeams() {
    for (ArchRule rule : StatusKitArchitecture.all(Module.STORE_POSTGRES)) {
      rule.check(STORE);
    }
  }
}

package io.statuskit.notify;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.statuskit.testkit.architecture.StatusKitArchitecture;
import io.statuskit.testkit.architecture.StatusKitArchitecture.Module;
import org.junit.jupiter.api.Test;

/**
 * Notify keeps its seams: only core below it, no internal type in its API, no test library in its
 * main code. The rules are status-testkit's {@link StatusKitArchitecture}, shown there to fail on
 * deliberate violations (the {@code io.statuskit.notify.archfixtures} fixtures).
 */
class ArchitectureTest {
  private static final JavaClasses NOTIFY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit.notify");

  @Test
  void notifyKeepsItsSeams() {
    for (ArchRule rule : StatusKitArchitecture.all(Module.NOTIFY)) {
      rule.check(NOTIFY);
    }
  }
}

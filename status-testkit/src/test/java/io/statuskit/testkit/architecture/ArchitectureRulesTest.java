package io.statuskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSet;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.statuskit.testkit.architecture.StatusKitArchitecture.Module;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seams of core, probes, monitor, test servers and history hold in their main code (feeds, page,
 * notify and the PostgreSQL store check their own), and each rule fails on a deliberate violation: the fixtures in the {@code
 * archfixtures} test packages of every module's namespace break every seam once. History has no
 * fixture package here: status-history is on this module's test class path, and a test package
 * under {@code io.statuskit.history} in this (named) module hides that module's own package from
 * the compiler; its rules are the same code as every other module's.
 */
class ArchitectureRulesTest {
  /** The main classes of every StatusKit module on this class path (not test classes). */
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.statuskit");

  private static JavaClasses fixtures(Module module) {
    return new ClassFileImporter().importPackages(module.root() + ".archfixtures");
  }

  private static String report(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s reports a violation", rule.getDescription()).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }

  @ParameterizedTest
  @EnumSource(value = Module.class, names = {"CORE", "PROBES", "MONITOR", "TESTSERVERS", "HISTORY"})
  void everyModuleKeepsItsSeams(Module module) {
    for (ArchRule rule : StatusKitArchitecture.all(module)) {
      rule.check(MAIN);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Module.class, mode = EnumSource.Mode.EXCLUDE, names = "HISTORY")
  void theTierRuleCatchesADependencyOnAModuleAboveOrBeside(Module module) {
    String report = report(StatusKitArchitecture.tiers(module), fixtures(module));

    assertThat(report).contains(module.root() + ".archfixtures.Violations").containsAnyOf(
        "io.statuskit.core.Status", "io.statuskit.probes.Outcome", "io.statuskit.testkit.ManualClock");
    assertThat(report).doesNotContain(".archfixtures.internal.Hidden>");
  }

  @ParameterizedTest
  @EnumSource(value = Module.class, mode = EnumSource.Mode.EXCLUDE, names = "HISTORY")
  void theApiRuleCatchesInternalTypesInEveryKindOfPublicSignature(Module module) {
    String fixture = module.root() + ".archfixtures.Violations";
    String hidden = module.root() + ".archfixtures.internal.Hidden";

    String report = report(StatusKitArchitecture.publicApiExposesNoInternalTypes(module), fixtures(module));

    assertThat(report)
        .contains(fixture + " implements " + module.root() + ".archfixtures.internal.HiddenContract")
        .contains(fixture + ".field exposes internal type " + hidden)
        .contains(fixture + ".<init>() exposes internal type " + hidden)
        .contains(fixture + ".hidden() exposes internal type " + hidden)
        .contains(fixture + ".count() exposes internal type " + hidden)
        .doesNotContain("secret()")
        .doesNotContain("Quiet");
  }

  @ParameterizedTest
  @EnumSource(value = Module.class, mode = EnumSource.Mode.EXCLUDE, names = "HISTORY")
  void theTestLibraryRuleCatchesAssertJInMainCode(Module module) {
    String report = report(StatusKitArchitecture.noTestLibraries(module), fixtures(module));

    assertThat(report).contains("org.assertj.core.api.Assertions").doesNotContain("ExtensionContext");
  }

  @ParameterizedTest
  @EnumSource(Module.class)
  void everyRuleFailsWhenItMatchesNoClasses(Module module) {
    JavaClasses none = new ClassFileImporter().importClasses(List.of());
    for (ArchRule rule : StatusKitArchitecture.all(module)) {
      assertThatThrownBy(() -> rule.check(none)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
    }
  }
}

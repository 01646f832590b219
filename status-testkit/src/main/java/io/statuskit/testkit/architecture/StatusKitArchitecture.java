package io.statuskit.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seams between StatusKit's modules as ArchUnit rules, defined once and checked by every
 * library module's tests: which StatusKit modules a module may use (the tiers of
 * ARCHITECTURE.md), that no {@code .internal} type appears in a public signature of a public API
 * type, and that main code references no test library.
 *
 * <p>Every rule fails when it matches no classes, so a rule aimed at the wrong package cannot pass
 * by checking nothing. Stateless and thread-safe.
 */
public final class StatusKitArchitecture {
  /** The prefix of every StatusKit package. */
  public static final String STATUSKIT = "io.statuskit.";

  /** Packages of test libraries that main code must not reference. */
  private static final ImmutableList<String> TEST_LIBRARIES =
      ImmutableList.of(
          "org.junit..", "org.assertj..", "org.quicktheories..", "com.code_intelligence..", "com.tngtech.archunit..",
          "org.opentest4j..");

  /** StatusKit's library modules and the StatusKit modules each may depend on. */
  public enum Module {
    /** Domain model, tracker, board, stores: depends on no other StatusKit module. */
    CORE("io.statuskit.core"),
    /** Probes, results and the engine: depends on no other StatusKit module, not even core. */
    PROBES("io.statuskit.probes"),
    /** The monitor: core and probes. */
    MONITOR("io.statuskit.monitor", CORE, PROBES),
    /** Feed writers: core. */
    FEEDS("io.statuskit.feeds", CORE),
    /** The status page as a request-to-response site: core and feeds, no HTTP server. */
    PAGE("io.statuskit.page", CORE, FEEDS),
    /** Uptime history, rollups and reports: core. */
    HISTORY("io.statuskit.history", CORE),
    /** Subscribers and their delivery: core. */
    NOTIFY("io.statuskit.notify", CORE),
    /**
     * The PostgreSQL stores: core; history and notify, whose history store and notification store
     * SPIs it implements.
     */
    STORE_POSTGRES("io.statuskit.store.postgres", CORE, HISTORY, NOTIFY),
    /** Local test servers: nothing of StatusKit; JUnit's extension API for the extension. */
    TESTSERVERS("io.statuskit.testservers") {
      @Override
      ImmutableList<String> testLibrariesAllowed() {
        return ImmutableList.of("org.junit.jupiter.api.extension..");
      }
    };

    private final String root;
    private final ImmutableList<Module> uses;

    Module(String root, Module... uses) {
      this.root = root;
      this.uses = ImmutableList.copyOf(uses);
    }

    /** The module's root package, such as {@code io.statuskit.core}. */
    public String root() {
      return root;
    }

    /** The module's packages as an ArchUnit package pattern, such as {@code io.statuskit.core..}. */
    public String packages() {
      return root + "..";
    }

    /** The StatusKit modules this module may depend on. */
    public ImmutableList<Module> uses() {
      return uses;
    }

    /** Test-library packages this module's main code may use (JUnit's extension API, say). */
    ImmutableList<String> testLibrariesAllowed() {
      return ImmutableList.of();
    }

    boolean owns(String className) {
      return className.equals(root) || className.startsWith(root + ".");
    }

    String displayName() {
      return "status-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private StatusKitArchitecture() {}

  /**
   * Classes of {@code module} depend on no StatusKit class outside the module itself and the
   * modules it {@linkplain Module#uses() uses}: core and probes know nothing of each other or of
   * anything above them, test servers nothing of StatusKit.
   */
  public static ArchRule tiers(Module module) {
    requireNonNull(module, "module");
    return noClasses()
        .that().resideInAPackage(module.packages())
        .should().dependOnClassesThat(statusKitClassesOutside(module))
        .because(module.displayName() + " may use only " + describeUses(module) + " (ARCHITECTURE.md)")
        .allowEmptyShould(false);
  }

  /**
   * No public or protected member of a public type outside {@code .internal} packages mentions an
   * {@code io.statuskit} type from an {@code .internal} package: method return, parameter and
   * exception types (with their type arguments), field types, constructor parameters, superclass
   * and interfaces.
   */
  public static ArchRule publicApiExposesNoInternalTypes(Module module) {
    return publicApiExposesNoInternalTypes(module, ImmutableSet.of());
  }

  /** {@link #publicApiExposesNoInternalTypes(Module)} leaving out the given exposures. */
  public static ArchRule publicApiExposesNoInternalTypes(Module module, Set<String> leftOut) {
    requireNonNull(module, "module");
    ImmutableSet<String> exempt = ImmutableSet.copyOf(leftOut);
    return classes()
        .that().resideInAPackage(module.packages())
        .and().resideOutsideOfPackage("..internal..")
        .and(PUBLIC_API_TYPES)
        .should(exposeNoInternalTypes(exempt))
        .because("internal packages are not exported; an API that returns or takes their types cannot be used")
        .allowEmptyShould(false);
  }

  /** Main code of {@code module} references no test library (JUnit, AssertJ, QuickTheories, Jazzer, ArchUnit). */
  public static ArchRule noTestLibraries(Module module) {
    requireNonNull(module, "module");
    String[] allowed = module.testLibrariesAllowed().toArray(new String[0]);
    return noClasses()
        .that().resideInAPackage(module.packages())
        .should().dependOnClassesThat(
            DescribedPredicate.describe(
                "belong to a test library",
                (JavaClass c) -> matchesAny(c, TEST_LIBRARIES) && !matchesAny(c, List.of(allowed))))
        .because("no library jar depends on a test library, not even optionally (ARCHITECTURE.md)")
        .allowEmptyShould(false);
  }

  /** The three rules for {@code module}. */
  public static ImmutableList<ArchRule> all(Module module) {
    return ImmutableList.of(tiers(module), publicApiExposesNoInternalTypes(module), noTestLibraries(module));
  }

  private static final DescribedPredicate<JavaClass> PUBLIC_API_TYPES =
      DescribedPredicate.describe("are public API types", StatusKitArchitecture::isPublicApi);

  private static boolean isPublicApi(JavaClass type) {
    for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static DescribedPredicate<JavaClass> statusKitClassesOutside(Module module) {
    return DescribedPredicate.describe(
        "are StatusKit classes outside " + describeUses(module),
        (JavaClass c) -> {
          String name = c.getName();
          if (!name.startsWith(STATUSKIT) || module.owns(name)) {
            return false;
          }
          return module.uses().stream().noneMatch(m -> m.owns(name));
        });
  }

  private static String describeUses(Module module) {
    StringBuilder s = new StringBuilder("itself");
    for (Module m : module.uses()) {
      s.append(", ").append(m.displayName());
    }
    return s.toString();
  }

  private static boolean matchesAny(JavaClass c, Collection<String> patterns) {
    String pkg = c.getPackageName();
    for (String pattern : patterns) {
      String prefix = pattern.substring(0, pattern.length() - 2);
      if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  static boolean isInternal(JavaClass c) {
    String pkg = c.getPackageName();
    return pkg.startsWith(STATUSKIT) && (pkg.endsWith(".internal") || pkg.contains(".internal."));
  }

  private static ArchCondition<JavaClass> exposeNoInternalTypes(ImmutableSet<String> exempt) {
    return new ArchCondition<>("expose no internal type in a public signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        type.getSuperclass().ifPresent(t -> report(type, type.getName() + " extends", t, exempt, events));
        for (JavaType t : type.getInterfaces()) {
          report(type, type.getName() + " implements", t, exempt, events);
        }
        for (JavaField field : type.getFields()) {
          if (visible(field)) {
            report(type, memberName(field), field.getType(), exempt, events);
          }
        }
        for (JavaCodeUnit code : type.getCodeUnits()) {
          if (!visible(code) || code.getModifiers().contains(JavaModifier.SYNTHETIC)
              || code.getModifiers().contains(JavaModifier.BRIDGE)) {
            continue;
          }
          String name = memberName(code);
          report(type, name, code.getReturnType(), exempt, events);
          for (JavaType parameter : code.getParameterTypes()) {
            report(type, name, parameter, exempt, events);
          }
          for (JavaClass exception : code.getExceptionTypes()) {
            report(type, name, exception, exempt, events);
          }
        }
      }
    };
  }

  private static boolean visible(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static String memberName(JavaMember member) {
    String owner = member.getOwner().getName();
    if (member instanceof JavaField) {
      return owner + "." + member.getName();
    }
    String name = member.getName().equals("<init>") ? "<init>" : member.getName();
    return owner + "." + name + "()";
  }

  private static void report(
      JavaClass owner, String where, JavaType type, ImmutableSet<String> exempt, ConditionEvents events) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      JavaClass base = raw.isArray() ? raw.getBaseComponentType() : raw;
      if (!isInternal(base)) {
        continue;
      }
      String key = where.endsWith("extends") || where.endsWith("implements") ? where + " " + base.getName() : where;
      if (exempt.contains(key)) {
        continue;
      }
      events.add(SimpleConditionEvent.violated(owner, key + " exposes internal type " + base.getName()));
    }
  }
}

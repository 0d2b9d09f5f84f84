package com.boxoffice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's dependency rules over the real code: the shared layer and the five functions as
 * compiled (test classes, including the deliberately wrong fixtures, are not imported). A broken
 * rule fails the build with every offending dependency listed.
 */
@AnalyzeClasses(packages = "com.boxoffice", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

  @ArchTest
  static final ArchRule domainIsPlainJava = HexagonRules.domainIsPlainJava(HexagonRules.TEMPORARY_KNOWN_LEAKS);

  @ArchTest
  static final ArchRule portsSpeakOnlyDomain = HexagonRules.portsSpeakOnlyDomain();

  @ArchTest
  static final ArchRule adaptersStandAlone = HexagonRules.adaptersStandAlone();

  @ArchTest
  static final ArchRule adaptersKnowNoEdgeAndNoFunction = HexagonRules.adaptersKnowNoEdgeAndNoFunction();

  @ArchTest
  static final ArchRule layers = HexagonRules.layers(HexagonRules.TEMPORARY_KNOWN_LEAKS);

  @ArchTest
  static final ArchRule functionsAreIndependent = HexagonRules.functionsAreIndependent();

  @ArchTest
  static final ArchRule functionsOnlyWire = HexagonRules.functionsOnlyWire();

  @ArchTest
  static final ArchRule domainPackagesFreeOfCycles = HexagonRules.domainPackagesFreeOfCycles();

  @ArchTest
  static final ArchRule partsFreeOfCycles = HexagonRules.partsFreeOfCycles(HexagonRules.TEMPORARY_KNOWN_LEAKS);

  /** The import really holds the code the rules speak of, so a rule cannot pass for want of classes. */
  @ArchTest
  static void theImportHoldsTheLayerAndEveryFunction(JavaClasses classes) {
    assertThat(classes.containPackage("com.boxoffice.shared.domain.order")).isTrue();
    assertThat(classes.containPackage("com.boxoffice.shared.port.out")).isTrue();
    assertThat(classes.containPackage("com.boxoffice.shared.adapter.dynamo")).isTrue();
    for (String function : new String[] {"checkout", "webhook", "scanner", "email", "retries"}) {
      assertThat(classes.containPackage("com.boxoffice." + function)).as(function).isTrue();
    }
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .noneMatch(p -> p.contains("fixture"));
  }

  /** An entry of the temporary list whose leak is gone must be deleted, so the list only ever shrinks. */
  @ArchTest
  static void everyKnownLeakIsStillThere(JavaClasses classes) {
    for (HexagonRules.KnownLeak leak : HexagonRules.TEMPORARY_KNOWN_LEAKS) {
      boolean present = classes.stream()
          .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
          .anyMatch(leak::covers);
      assertThat(present)
          .as("%s no longer depends on %s*: delete this entry from HexagonRules.TEMPORARY_KNOWN_LEAKS",
              leak.originClass(), leak.targetPrefix())
          .isTrue();
    }
  }
}

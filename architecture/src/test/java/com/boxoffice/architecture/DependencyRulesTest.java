package com.boxoffice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's dependency rules over the real code: the shared layer and every function as
 * compiled (test classes, including the deliberately wrong fixtures, are not imported). A broken
 * rule fails the build with every offending dependency listed.
 */
@ArchTag("fast")
@AnalyzeClasses(packages = "com.boxoffice", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

  @ArchTest
  static final ArchRule domainIsPlainJava = HexagonRules.domainIsPlainJava();

  @ArchTest
  static final ArchRule portsSpeakOnlyDomain = HexagonRules.portsSpeakOnlyDomain();

  @ArchTest
  static final ArchRule adaptersStandAlone = HexagonRules.adaptersStandAlone();

  @ArchTest
  static final ArchRule adaptersKnowNoEdgeAndNoFunction = HexagonRules.adaptersKnowNoEdgeAndNoFunction();

  @ArchTest
  static final ArchRule layers = HexagonRules.layers();

  @ArchTest
  static final ArchRule functionsAreIndependent = HexagonRules.functionsAreIndependent();

  @ArchTest
  static final ArchRule functionsOnlyWire = HexagonRules.functionsOnlyWire();

  @ArchTest
  static final ArchRule domainPackagesFreeOfCycles = HexagonRules.domainPackagesFreeOfCycles();

  @ArchTest
  static final ArchRule partsFreeOfCycles = HexagonRules.partsFreeOfCycles();

  /** The import really holds the code the rules speak of, so a rule cannot pass for want of classes. */
  @ArchTest
  static void theImportHoldsTheLayerAndEveryFunction(JavaClasses classes) {
    assertThat(classes.containPackage("com.boxoffice.shared.domain.order")).isTrue();
    assertThat(classes.containPackage("com.boxoffice.shared.port.out")).isTrue();
    assertThat(classes.containPackage("com.boxoffice.shared.adapter.dynamo")).isTrue();
    for (String function : new String[] {"checkout", "webhook", "scanner", "email", "retries",
        "tablestream", "orgorders", "analytics.stream", "analytics.recount", "analytics.api", "devices", "push", "organizer", "catalog",
        "anomalies", "anomalylist"}) {
      assertThat(classes.containPackage("com.boxoffice." + function)).as(function).isTrue();
    }
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .noneMatch(p -> p.contains("fixture"));
  }
}

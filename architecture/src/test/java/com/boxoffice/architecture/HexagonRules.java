package com.boxoffice.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The dependency rules of the hexagon (docs/architecture.md), written once and checked by
 * {@link DependencyRulesTest} against the shared layer and every function, and by {@link
 * DependencyRulesCatchLeaksTest} against classes that break them on purpose.
 */
final class HexagonRules {
  static final String SHARED = "com.boxoffice.shared";
  static final String DOMAIN = SHARED + ".domain..";
  static final String PORTS = SHARED + ".port..";
  static final String ADAPTERS = SHARED + ".adapter..";
  static final String HTTP_EDGE = SHARED + ".http..";
  static final String LAMBDA_EDGE = SHARED + ".lambda..";
  static final String CONFIG = SHARED + ".config..";
  static final String LOG = SHARED + ".log..";
  /** The function modules: each one a composition root plus the route or task code that only it needs. */
  static final String[] FUNCTIONS = {
      "com.boxoffice.checkout..", "com.boxoffice.webhook..", "com.boxoffice.scanner..", "com.boxoffice.email..",
      "com.boxoffice.retries..", "com.boxoffice.tablestream..", "com.boxoffice.orgorders..", "com.boxoffice.analytics..", "com.boxoffice.devices..", "com.boxoffice.push..",
      "com.boxoffice.anomalies..", "com.boxoffice.anomalylist.."};
  /** What the JDK gives the domain: the language, collections, time, and the MAC the codes are signed with. */
  static final String[] JDK = {"java..", "javax.crypto.."};

  private HexagonRules() {}

  /** The domain decides in plain Java: the JDK, slf4j, the log context (slf4j's MDC), itself and its ports. */
  static ArchRule domainIsPlainJava() {
    return classes().that().resideInAPackage(DOMAIN)
        .should(dependOnlyOn(resideInAnyPackage(concat(JDK, "org.slf4j..", LOG, DOMAIN, PORTS))))
        .as("the domain depends only on the JDK, slf4j, shared.log, the domain and the ports");
  }

  /** Ports are the domain's own interfaces: they speak in domain types and JDK types only. */
  static ArchRule portsSpeakOnlyDomain() {
    return classes().that().resideInAPackage(PORTS)
        .should(dependOnlyOn(resideInAnyPackage(concat(JDK, DOMAIN, PORTS))))
        .as("ports depend only on the JDK, the domain and other ports");
  }

  /**
   * Each adapter package wraps one technology and stands alone: DynamoDB, SQS, SES, Stripe, QR
   * images and the mail templates never reach into each other; the composition root plugs them
   * together (e.g. the email function hands the SQS drainer SES's event reader).
   */
  static ArchRule adaptersStandAlone() {
    return slices().matching(SHARED + ".adapter.(*)..").should().notDependOnEachOther()
        .as("adapter packages (dynamo, sqs, ses, stripe, qr, template) do not depend on each other");
  }

  /** Adapters translate between a port and a technology; they know neither the edge nor a function. */
  static ArchRule adaptersKnowNoEdgeAndNoFunction() {
    return noClasses().that().resideInAPackage(ADAPTERS)
        .should().dependOnClassesThat().resideInAnyPackage(concat(FUNCTIONS, HTTP_EDGE, LAMBDA_EDGE))
        .as("adapters depend neither on the edge nor on a function");
  }

  /**
   * Who may use whom, across the whole system. The functions are the composition roots: only
   * they see adapters and the edge (HTTP and scheduled), and only they and the edge see the
   * configuration; the domain and ports are used by all.
   */
  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Functions").definedBy(FUNCTIONS)
        .layer("Edge").definedBy(HTTP_EDGE, LAMBDA_EDGE)
        .layer("Configuration").definedBy(CONFIG)
        .layer("Adapters").definedBy(ADAPTERS)
        .layer("Ports").definedBy(PORTS)
        .layer("Domain").definedBy(DOMAIN)
        .whereLayer("Functions").mayNotBeAccessedByAnyLayer()
        .whereLayer("Edge").mayOnlyBeAccessedByLayers("Functions")
        .whereLayer("Configuration").mayOnlyBeAccessedByLayers("Functions", "Edge")
        .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Functions")
        .whereLayer("Ports").mayOnlyBeAccessedByLayers("Domain", "Adapters", "Edge", "Functions")
        .as("functions wire adapters, edge and configuration; adapters and the domain never see them");
  }

  /** Functions do not know each other: what two need is in the shared layer. */
  static ArchRule functionsAreIndependent() {
    return slices().matching("com.boxoffice.(*)..").that(DescribedPredicate.describe("a function",
            s -> !s.getDescription().contains("shared")))
        .should().notDependOnEachOther()
        .as("functions do not depend on each other");
  }

  /**
   * Functions wire and translate; they do not decide or persist: no function implements a port
   * (an implementation is an adapter and lives in an adapter package), or touches DynamoDB's
   * or SES data model, the Stripe SDK or the template engine.
   */
  static ArchRule functionsOnlyWire() {
    return noClasses().that().resideInAnyPackage(FUNCTIONS)
        .should().implement(resideInAnyPackage(PORTS).as("a port"))
        .orShould().dependOnClassesThat().resideInAnyPackage(
            "software.amazon.awssdk.services.dynamodb.model..", "com.stripe..",
            "software.amazon.awssdk.services.sesv2.model..", "com.github.jknack.handlebars..")
        .as("functions implement no port and use neither DynamoDB's model, SES's model, Stripe's SDK nor"
            + " Handlebars: those are adapters' work");
  }

  /** No cycles between the domain's packages, nor between the system's parts (domain and ports taken as one core). */
  static ArchRule domainPackagesFreeOfCycles() {
    return slices().matching(SHARED + ".domain.(*)..").should().beFreeOfCycles()
        .as("the domain's packages are free of cycles");
  }

  static ArchRule partsFreeOfCycles() {
    return slices().assignedFrom(new Parts()).should().beFreeOfCycles().as("the shared layer's parts and the functions are free of cycles (domain and ports as one core)");
  }

  static ArchCondition<JavaClass> dependOnlyOn(DescribedPredicate<JavaClass> allowed) {
    return new ArchCondition<>("depend only on classes that " + allowed.getDescription()) {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          if (target.isPrimitive() || allowed.test(target)) {
            continue;
          }
          events.add(SimpleConditionEvent.violated(d, d.getDescription()));
        }
      }
    };
  }

  static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  static String[] concat(String[] first, String[] second, String... more) {
    return concat(concat(first, second), more);
  }

  /** Slices for the cycle rule: the core (domain and ports), each adapter package, each other shared package, each function. */
  static final class Parts implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      if (!p.startsWith("com.boxoffice.")) {
        return SliceIdentifier.ignore();
      }
      String[] parts = p.substring("com.boxoffice.".length()).split("\\.");
      if (!parts[0].equals("shared")) {
        return SliceIdentifier.of("function " + parts[0]);
      }
      if (parts.length < 2) {
        return SliceIdentifier.of("shared");
      }
      return switch (parts[1]) {
        case "domain", "port" -> SliceIdentifier.of("core (domain and ports)");
        case "adapter" -> SliceIdentifier.of(
            "adapter " + (parts.length > 2 ? parts[2] : ""));
        default -> SliceIdentifier.of("shared." + parts[1]);
      };
    }

    @Override
    public String getDescription() {
      return "core (domain and ports), each adapter package, each other shared package, each function";
    }
  }
}

package com.boxoffice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.checkout.leakfixture.HandlerWritingItems;
import com.boxoffice.shared.adapter.sqsfixture.DrainerSendingThroughSes;
import com.boxoffice.shared.domain.seatfixture.Seat;
import com.boxoffice.shared.domain.rowfixture.Row;
import com.boxoffice.shared.domain.leakfixture.RefusalWithHttpStatus;
import com.boxoffice.shared.domain.leakfixture.TicketPricingWithDynamo;
import com.boxoffice.shared.port.leakfixture.QueueWithSdkMessages;
import com.boxoffice.shared.port.out.SuppressionList;
import com.boxoffice.shared.adapter.ses.SesMailer;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules themselves can fail: each is run on fixture classes (test sources, never part of
 * the real import) that break it on purpose, and must report the offending dependency by name.
 */
@Tag("fast")
class DependencyRulesCatchLeaksTest {

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    return rule.evaluate(imported);
  }

  private static String report(EvaluationResult result) {
    return String.join("\n", result.getFailureReport().getDetails());
  }

  @Test
  void aDomainClassImportingTheAwsSdkAndAnAdapterIsReported() {
    EvaluationResult result = evaluate(HexagonRules.domainIsPlainJava(),
        TicketPricingWithDynamo.class);

    assertThat(result.hasViolation()).isTrue();
    assertThat(report(result))
        .contains("software.amazon.awssdk.services.dynamodb.DynamoDbClient")
        .contains("com.boxoffice.shared.adapter.dynamo.DynamoOrderStore")
        .contains("TicketPricingWithDynamo");
  }

  @Test
  void theTemporaryListCoversOnlyTheClassesItNames() {
    EvaluationResult result = evaluate(HexagonRules.domainIsPlainJava(),
        RefusalWithHttpStatus.class);

    assertThat(report(result)).contains("com.boxoffice.shared.http.ApiException");
  }

  @Test
  void theDomainRulePassesPlainJava() {
    EvaluationResult result = evaluate(HexagonRules.domainIsPlainJava(), Seat.class, Row.class);

    assertThat(result.hasViolation()).as(report(result)).isFalse();
  }

  @Test
  void aPortSpeakingInSdkTypesIsReported() {
    EvaluationResult result = evaluate(HexagonRules.portsSpeakOnlyDomain(), QueueWithSdkMessages.class);

    assertThat(report(result)).contains("software.amazon.awssdk.services.sqs.model.Message");
  }

  @Test
  void anAdapterReachingIntoAnotherAdapterPackageIsReported() {
    EvaluationResult result = evaluate(HexagonRules.adaptersStandAlone(), DrainerSendingThroughSes.class,
        SesMailer.class);

    assertThat(report(result)).contains("DrainerSendingThroughSes").contains("SesMailer");
  }

  @Test
  void aFunctionImplementingAPortOrBuildingDynamoItemsIsReported() {
    EvaluationResult result = evaluate(HexagonRules.functionsOnlyWire(), HandlerWritingItems.class,
        SuppressionList.class);

    assertThat(report(result))
        .contains("HandlerWritingItems> does implement a port")
        .contains("software.amazon.awssdk.services.dynamodb.model.AttributeValue");
  }

  @Test
  void anAdapterUsedOutsideTheFunctionsBreaksTheLayers() {
    EvaluationResult result = evaluate(HexagonRules.layers(),
        TicketPricingWithDynamo.class, com.boxoffice.shared.adapter.dynamo.DynamoOrderStore.class);

    assertThat(report(result)).contains("TicketPricingWithDynamo").contains("DynamoOrderStore");
  }

  @Test
  void aCycleThroughTheEdgeIsReported() {
    // domain -> http (the fixture) -> config (HttpLambda's init failure) -> domain (the signing keys)
    EvaluationResult strict = evaluate(HexagonRules.partsFreeOfCycles(),
        RefusalWithHttpStatus.class, com.boxoffice.shared.http.ApiException.class,
        com.boxoffice.shared.http.HttpLambda.class, com.boxoffice.shared.config.ConfigurationException.class,
        com.boxoffice.shared.config.SigningKeysSetting.class, com.boxoffice.shared.domain.code.SigningKeys.class);

    assertThat(report(strict)).contains("Cycle detected").contains("RefusalWithHttpStatus");
  }

  @Test
  void aCycleBetweenDomainPackagesIsReported() {
    EvaluationResult result = evaluate(HexagonRules.domainPackagesFreeOfCycles(), Seat.class, Row.class);

    assertThat(result.hasViolation()).isTrue();
    assertThat(report(result)).contains("seatfixture").contains("rowfixture");
  }
}

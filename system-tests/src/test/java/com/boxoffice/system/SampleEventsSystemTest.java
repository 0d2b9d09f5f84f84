package com.boxoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.system.LambdaEvents.HttpAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample events of {@code events/} that need no data of their own, through every built
 * function under the emulator: each one starts, reads its configuration from the template's
 * environment, answers, and leaves its init duration in the emulator's log.
 */
@ExtendWith(SystemStack.Extension.class)
class SampleEventsSystemTest {

  @Test
  void checkoutAnswersAnUnknownOrderWith404(SystemStack stack) {
    var answer = HttpAnswer.of(stack.function("CheckoutFunction").invoke(LambdaEvents.sample("checkout/get-order.json").toString()));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("not_found");
  }

  @Test
  void checkoutsHealthRouteSaysItsConfigurationLoadedAndItsTableAnswers(SystemStack stack) {
    var answer = HttpAnswer.of(stack.function("CheckoutFunction").invoke(LambdaEvents.sample("checkout/health.json").toString()));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.body().path("checks").path("configuration").asText()).isEqualTo("ok");
    assertThat(answer.body().path("checks").path("table").asText()).isEqualTo("ok");
    assertThat(answer.body().path("version").asText()).as("the AppVersion parameter's default").isEqualTo("dev");
  }

  @Test
  void theScannerRefusesAForgedCodeAndAnUnauthenticatedCall(SystemStack stack) {
    var scanner = stack.function("ScannerValidateFunction");

    var forged = HttpAnswer.of(scanner.invoke(LambdaEvents.sample("scanner-validate/scan-forged-code.json").toString()));
    var anonymous = HttpAnswer.of(scanner.invoke(LambdaEvents.sample("scanner-validate/scan-unauthenticated.json").toString()));

    assertThat(forged.status()).as(forged.raw()).isEqualTo(200);
    assertThat(forged.body().path("result").asText()).isEqualTo("invalid");
    assertThat(anonymous.status()).as(anonymous.raw()).isEqualTo(401);
  }

  @Test
  void theWebhookRefusesAnUnsignedSampleEvent(SystemStack stack) throws Exception {
    String body = java.nio.file.Files.readString(com.boxoffice.testkit.RepoRoot.find()
        .resolve("events/stripe-webhook/checkout.session.completed.json"));

    var answer = HttpAnswer.of(stack.function("StripeWebhookFunction").invoke(LambdaEvents.functionUrlPost(body, null)));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    assertThat(answer.body().path("error").path("code").asText()).isEqualTo("invalid_signature");
  }

  @Test
  void theRetryFunctionRunsItsScheduledSweepAndReconciliation(SystemStack stack) {
    var retries = stack.function("ProcessWebhookRetriesFunction");

    var sweep = LambdaEvents.json(retries.invoke(LambdaEvents.sample("process-webhook-retries/sweep-holds.json").toString()));
    var reconcile = LambdaEvents.json(retries.invoke(LambdaEvents.sample("process-webhook-retries/reconcile.json").toString()));

    assertThat(sweep.has("examined")).as(sweep.toString()).isTrue();
    assertThat(sweep.path("failed").asInt()).as(sweep.toString()).isZero();
    assertThat(reconcile.has("checked")).as(reconcile.toString()).isTrue();
    assertThat(reconcile.path("failed").asInt()).as(reconcile.toString()).isZero();
  }

  @Test
  void theEmailFunctionRunsOnItsScheduledInput(SystemStack stack) {
    // The schedule in template.yaml sends no Input, which EventBridge Scheduler delivers as {}.
    var result = LambdaEvents.json(stack.function("ProcessEmailQueueFunction").invoke("{}"));

    assertThat(result.has("errorType")).as(result.toString()).isFalse();
  }
}

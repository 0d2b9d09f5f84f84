package com.boxoffice.webhook;

import com.boxoffice.shared.adapter.dynamo.DynamoStripeEventLedger;
import com.boxoffice.shared.adapter.sqs.PushSqsOutbox;
import com.boxoffice.shared.adapter.dynamo.DynamoTicketCodeSettings;
import com.boxoffice.shared.adapter.sqs.WebhookRetrySqsQueue;
import com.boxoffice.shared.adapter.stripe.StripeEventJson;
import com.boxoffice.shared.aws.AwsClients;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.config.SecretSource;
import com.boxoffice.shared.domain.webhook.InvalidStripeSignatureException;
import com.boxoffice.shared.domain.webhook.StripeEvent;
import com.boxoffice.shared.domain.webhook.StripeEventProcessor;
import com.boxoffice.shared.domain.webhook.StripeSignatureVerifier;
import com.boxoffice.shared.domain.webhook.StripeWebhookIntake;
import com.boxoffice.shared.domain.webhook.StripeWebhookIntake.Receipt;
import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.metrics.EmfMetrics;
import com.boxoffice.shared.metrics.EmfWebhookMetrics;
import com.boxoffice.shared.http.ErrorCode;
import com.boxoffice.shared.http.HttpLambda;
import com.boxoffice.shared.http.HttpRequest;
import com.boxoffice.shared.http.HttpResponse;
import com.boxoffice.shared.http.Router;
import com.boxoffice.shared.port.out.PushOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stripe's webhook endpoint, behind a Lambda function URL ({@code POST /}). Verifies the
 * signature over the raw body, processes the event once, and acknowledges fast: 200 for processed,
 * duplicate or queued-for-retry events, 400 {@code invalid_signature} for anything unverified
 * (nothing is touched), 409 while another delivery of the same event is being processed and 500
 * only when the event could neither be processed nor queued, so Stripe retries.
 */
public final class StripeWebhookHandler extends HttpLambda {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookHandler.class);

  public static final String FUNCTION = "stripe-webhook";
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** What Lambda calls: configuration and clients are read and built once, here. */
  public StripeWebhookHandler() {
    this(Env.system());
  }

  /** The local runner and the system tests pass the environment Lambda would have. */
  public StripeWebhookHandler(Env env) {
    this(() -> fromEnvironment(env));
  }

  /** Tests and the local runner pass their own intake. */
  public StripeWebhookHandler(StripeWebhookIntake intake) {
    this(() -> intake);
  }

  private StripeWebhookHandler(Supplier<StripeWebhookIntake> intake) {
    super(FUNCTION, MAX_BODY_BYTES, () -> routes(intake.get()));
  }

  static Router routes(StripeWebhookIntake intake) {
    return new Router().route("POST", "/", request -> receive(intake, request));
  }

  private static HttpResponse receive(StripeWebhookIntake intake, HttpRequest request) {
    Receipt receipt;
    try {
      receipt = intake.receive(request.body(), request.header("Stripe-Signature").orElse(null));
    } catch (InvalidStripeSignatureException e) {
      LOG.info("webhook signature refused reason={}", e.reason());
      throw new ApiException(ErrorCode.INVALID_SIGNATURE, "The Stripe-Signature header does not verify this body.");
    } catch (StripeEvent.MalformedEventException e) {
      throw new ApiException(ErrorCode.MALFORMED_EVENT, "The body is not a Stripe event.");
    } catch (StripeWebhookIntake.RetryUnavailableException e) {
      throw new ApiException(ErrorCode.RETRY_UNAVAILABLE,
          "The event could not be processed or queued; deliver it again.");
    }
    return switch (receipt.disposition()) {
      case PROCESSED -> HttpResponse.ok(Map.of("received", true));
      case DUPLICATE -> HttpResponse.ok(Map.of("received", true, "duplicate", true));
      case QUEUED, ALREADY_QUEUED -> HttpResponse.ok(Map.of("received", true, "queued", true));
      case IN_PROGRESS -> throw new ApiException(ErrorCode.EVENT_IN_PROGRESS,
          "Another delivery of this event is being processed; deliver it again later.");
    };
  }

  static StripeWebhookIntake fromEnvironment(Env env) {
    AwsClients aws = new AwsClients(env);
    SecretSource secrets = new SecretSource(env, aws::secretValue);
    String table = env.required("TABLE_NAME");
    String retryQueueUrl = env.url("WEBHOOK_RETRY_QUEUE_URL").toString();
    var verifier = new StripeSignatureVerifier(
        StripeSignatureVerifier.parseSecrets(secrets.required("STRIPE_WEBHOOK_SECRETS")),
        StripeSignatureVerifier.DEFAULT_TOLERANCE, Clock.systemUTC());
    DynamoDbClient dynamo = aws.dynamo();
    SqsClient sqs = aws.sqs();
    WebhookPorts ports = WebhookPorts.fromEnvironment(env, secrets, dynamo, sqs);
    var processor = new StripeEventProcessor(new DynamoStripeEventLedger(dynamo, table), ports.orders(),
        ports.codes(), new DynamoTicketCodeSettings(dynamo, table)::rulesFor, ports.outbox(), ports.refunds(),
        ports.metrics(), Clock.systemUTC(),
        Duration.ofSeconds(env.intValue("WEBHOOK_LEASE_SECONDS", 30, 5, 900)),
        // A signed-in buyer's devices hear about their tickets; without a push queue, nobody is told by push.
        env.optionalUrl("PUSH_QUEUE_URL").<PushOutbox>map(url -> new PushSqsOutbox(sqs, url.toString()))
            .orElse(PushOutbox.NONE));
    return new StripeWebhookIntake(verifier, new StripeEventJson(), processor,
        new WebhookRetrySqsQueue(sqs, retryQueueUrl),
        new EmfWebhookMetrics(new EmfMetrics(System.out, Clock.systemUTC()), FUNCTION));
  }
}

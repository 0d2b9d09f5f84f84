package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.boxoffice.scanner.ScannerValidateHandler;
import com.boxoffice.shared.config.Env;
import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A demo ticket issued with the local keys is admitted by the scanner built from the same environment. */
@ExtendWith(LocalAwsExtension.class)
class DemoTicketsTest {

  @BeforeAll
  static void localCredentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @Test
  void aDemoTicketIsAdmittedByItsCodeAndThenRefusedByItsFallbackCode(LocalAws aws, LocalResources res) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("TABLE_NAME", res.table("BoxofficeTable"));
    env.put("QR_SIGNING_KEYS", LocalDemo.qrSigningKeysJson(new SecureRandom()));
    var seeded = new LocalDemo(aws.dynamo(), res, Map.of("ScannerValidateFunction", env), Clock.systemUTC()).seed();
    var issued = DemoTickets.forScanner(aws.dynamo(), env, Clock.systemUTC()).issue(seeded.eventId(), "Grace");
    var scanner = new ScannerValidateHandler(new Env(env));

    var first = Json.mapper().readTree(scanner.handleRequest(scan(seeded.scannerId(), issued.code(), seeded.eventId()),
        null).getBody());
    var typed = Json.mapper().readTree(scanner.handleRequest(scan(seeded.scannerId(),
        issued.fallbackCode().toLowerCase(), seeded.eventId()), null).getBody());

    assertThat(first.path("result").asText()).as(first.toString()).isEqualTo("ok");
    assertThat(first.path("holderName").asText()).isEqualTo("Grace");
    assertThat(typed.path("result").asText()).isEqualTo("already_redeemed");
    assertThat(typed.path("ticketId").asText()).isEqualTo(issued.ticketId());
  }

  private static APIGatewayV2HTTPEvent scan(String scannerId, String code, String eventId) {
    var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-" + UUID.randomUUID())
        .withRouteKey("POST /v1/scans")
        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/v1/scans").build())
        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
            .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(Map.of("sub", scannerId, "scope", "scanner")).withScopes(List.of()).build()).build())
        .build();
    return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/scans").withRawPath("/v1/scans")
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(Json.write(Map.of("code", code, "eventId", eventId, "direction", "entry",
            "nonce", UUID.randomUUID().toString(), "gate", "north")))
        .withRequestContext(ctx).build();
  }
}

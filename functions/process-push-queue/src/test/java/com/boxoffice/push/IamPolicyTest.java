package com.boxoffice.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.domain.push.Device;
import com.boxoffice.shared.domain.push.PushNotification;
import com.boxoffice.shared.testing.LoopbackWireMock;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.LocalSns;
import com.boxoffice.testkit.LocalSnsExtension;
import com.boxoffice.testkit.iam.IamCoverage;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The push processor's IAM policy in template.yaml grants exactly what its code uses: every AWS
 * call recorded while this module's tests ran (this class runs last), plus its main paths driven
 * here through the handler (its first publish throttled by a proxy in front of moto): a tickets-issued notification (with its collapse key) sent, one deferred by the user's limit, a malformed one
 * dead-lettered, a disabled endpoint deactivated, and the cleanup removing a long-inactive device.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LocalAwsExtension.class, LocalSnsExtension.class})
class IamPolicyTest {
  @RegisterExtension
  final LoopbackWireMock proxy = new LoopbackWireMock();

  @Test
  void theTemplateGrantsThePushProcessorEveryActionItUsesAndNothingElse(LocalAws aws, LocalResources res,
      LocalSns moto) {
    var f = new PushFixture(aws, res, moto);
    Device device = f.register("buyer-iam");
    Device disabled = f.register("buyer-iam");
    f.sns.setEndpointAttributes(b -> b.endpointArn(disabled.endpointArn()).attributes(Map.of("Enabled", "false")));
    Device old = f.register("buyer-old");
    f.devices.deactivate(old.deviceId(), Instant.now().minus(40, ChronoUnit.DAYS));
    proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=Publish"))
        .inScenario("throttled once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>slow down</Message></Error>"
                + "<RequestId>r</RequestId></ErrorResponse>")));
    var handler = f.handler(URI.create(proxy.baseUrl()), Map.of("PUSH_PER_USER_PER_HOUR", "1"));

    f.outbox.enqueue(PushNotification.ticketsIssued("order-iam", "buyer-iam", "Demo night"));
    f.outbox.enqueue(PushFixture.order("iam-2", "buyer-iam", null));
    aws.sqs().sendMessage(b -> b.queueUrl(res.queueUrl("PushQueue")).messageBody("not json"));
    var drained = PushFixture.drain(handler);
    var cleaned = handler.handleRequest(Map.of("task", "cleanup"), null);

    assertThat(drained).containsEntry("throttled", 1).containsEntry("sent", 1).containsEntry("deferred", 1).containsEntry("deadLettered", 1)
        .containsEntry("deactivated", 1);
    assertThat(cleaned).containsEntry("removed", 1);
    assertThat(f.devices.find(device.deviceId())).isPresent();
    assertThat(IamCoverage.problems("ProcessPushQueueFunction")).isEmpty();
  }
}

package com.boxoffice.anomalylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.boxoffice.shared.testing.HttpApiEvents;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import com.boxoffice.testkit.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON event in events/scan-anomalies-api/ (also used by sam local invoke) through the real handler. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsTest {

  @Test
  void theSampleListsTheDemoEventsAnomaliesForItsOrganization(LocalAws aws, LocalResources res) {
    ScanAnomaliesApiTest.seed(aws, res, "evt-demo", "org-demo");
    var event = EventLoader.loadApiGatewayHttpEvent(
        RepoRoot.find().resolve("events/scan-anomalies-api/list-anomalies.json").toString());

    var r = ScanAnomaliesApiTest.handler(aws, res).handleRequest(event, null);

    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
    assertThat(HttpApiEvents.json(r).get("anomalies")).hasSize(2);
  }
}

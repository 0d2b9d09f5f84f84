package com.boxoffice.orgorders;

import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.adapter.dynamo.TicketItems;
import com.boxoffice.shared.domain.ticket.Ticket;
import com.boxoffice.testkit.LocalAws;
import com.boxoffice.testkit.LocalAwsExtension;
import com.boxoffice.testkit.LocalResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attendee list as CSV, page by page, and the live door count, read from the ticket items the door writes. */
@ExtendWith(LocalAwsExtension.class)
class AttendeesAndDoorTest {
  OrgOrdersFixture f;

  @BeforeEach
  void setUp(LocalAws aws, LocalResources res) {
    f = new OrgOrdersFixture(aws, res);
  }

  @Test
  void listsEveryTicketOnceAcrossPagesWithCheckInStatusAndCountsTheDoor() {
    String event = f.event(f.org);
    String a = f.paidOrder(event, 2, "ada@example.com");
    String b = f.paidOrder(event, 1, "grace@example.com");
    f.call(f.org, "PUT", "/v1/org/tickets/" + Ticket.idFor(a, 1) + "/holder", "{\"holderName\":\"=HYPERLINK(\\\"x\\\"), Jr\"}");
    admit(Ticket.idFor(a, 1), true);
    admit(Ticket.idFor(b, 1), false);

    List<String> rows = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var response = f.call(f.org, "GET", "/v1/org/events/" + event + "/attendees.csv?limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(response.getHeaders().get("Content-Type")).startsWith("text/csv");
      String[] lines = response.getBody().split("\r\n");
      assertThat(lines[0]).isEqualTo(OrganizerOrdersApi.CSV_HEADER);
      rows.addAll(List.of(lines).subList(1, lines.length));
      cursor = response.getHeaders().get("X-Next-Cursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isGreaterThanOrEqualTo(2);
    assertThat(rows).hasSize(3);
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(Ticket.idFor(a, 1) + ",")
        .contains(",\"'=HYPERLINK(\"\"x\"\"), Jr\",valid,yes,yes,"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(Ticket.idFor(b, 1) + ",").contains(",valid,yes,no,"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(Ticket.idFor(a, 2) + ",").endsWith(",valid,no,no,"));

    var door = OrgOrdersFixture.json(f.call(f.org, "GET", "/v1/org/events/" + event + "/door", null));
    assertThat(door.get("inside").asInt()).isEqualTo(1);
    assertThat(door.get("admitted").asInt()).isEqualTo(2);
    assertThat(door.get("validTickets").asInt()).isEqualTo(3);
  }

  @Test
  @Tag("fast")
  void quotesCsvFieldsAndDisarmsFormulas() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("=1+1")).isEqualTo("'=1+1");
    assertThat(Csv.field("@cmd")).isEqualTo("'@cmd");
    assertThat(Csv.field(null)).isEmpty();
  }

  /** The door's admission state on a ticket item, as scanner-validate leaves it. */
  private void admit(String ticketId, boolean stillInside) {
    f.dynamo.updateItem(b -> b.tableName(f.table).key(TicketItems.key(ticketId))
        .updateExpression("SET inside = :inside, firstAdmittedAt = :at, admissions = :one")
        .expressionAttributeValues(Map.of(":inside", AttributeValue.fromBool(stillInside),
            ":at", AttributeValue.fromS("2030-01-01T18:05:00Z"), ":one", AttributeValue.fromN("1"))));
  }
}

package com.boxoffice.testkit.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.boxoffice.testkit.TemplateYaml;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy check reports what is missing and what is spare, with IAM's own exceptions applied. */
class FunctionPolicyTest {
  private static Map<String, Object> template(String policies) {
    return TemplateYaml.parse(new StringReader("""
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub boxoffice-${Stage}
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub boxoffice-email-${Stage}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
        """ + policies.indent(8)));
  }

  private static List<String> problems(String policies, AwsCall... calls) {
    var t = template(policies);
    return FunctionPolicy.of(t, "Fn").problems(List.of(calls), TemplateNames.of(t));
  }

  @Test
  void aRawSesSendNeedsSendRawEmailAsWellAsSendEmail() {
    var send = new AwsCall("ses", "SendEmail", "Raw", "identity/tickets@example.com", null);
    assertThat(problems("""
        - Statement:
            - Effect: Allow
              Action: ses:SendEmail
              Resource: !Sub arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*
        """, send)).containsExactly("Fn: uses ses:SendRawEmail on ses:identity/tickets@example.com but is not granted it");
  }

  @Test
  void aTransactionNeedsEachItemsActionAndASpareGrantIsReported() {
    var put = new AwsCall("dynamodb", "TransactWriteItems", "Put", "boxoffice-t1", "ORDER#");
    assertThat(problems("""
        - Statement:
            - Effect: Allow
              Action: [dynamodb:PutItem, dynamodb:DeleteItem]
              Resource: !GetAtt Table.Arn
        """, put)).containsExactly("Fn: is granted dynamodb:DeleteItem on Table but never uses it");
  }

  @Test
  void aCallOutsideTheLeadingKeysIsNotGrantedAndAnUnusedFamilyIsSpare() {
    var get = new AwsCall("dynamodb", "GetItem", null, "boxoffice-t1", "ORDER#");
    assertThat(problems("""
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Table.Arn
              Condition:
                ForAllValues:StringLike:
                  dynamodb:LeadingKeys: ["EMAIL#*"]
        """, get)).containsExactly("Fn: uses dynamodb:GetItem on Table (key ORDER#*) but is not granted it",
        "Fn: LeadingKeys EMAIL#* on [Table] is never used");
  }

  @Test
  void queuesAreMatchedByNameAndBatchesByTheirSingleAction() {
    var send = new AwsCall("sqs", "SendMessageBatch", null, "boxoffice-email-t1", null);
    assertThat(problems("""
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt Queue.Arn
        """, send)).isEmpty();
  }

  @Test
  void samPolicyTemplatesAreRefusedBecauseTheirActionsAreNotInTheTemplate() {
    assertThatThrownBy(() -> FunctionPolicy.of(template("- DynamoDBCrudPolicy: {TableName: !Ref Table}\n"), "Fn"))
        .hasMessageContaining("explicit statements");
  }
}

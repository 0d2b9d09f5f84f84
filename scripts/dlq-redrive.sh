#!/usr/bin/env bash
# Moves every message of a dead-letter queue back to the queue it came from, after the cause of
# the failures is fixed (docs/runbook.md). Uses SQS's own move task (StartMessageMoveTask) and
# waits until it finishes.
#
#   scripts/dlq-redrive.sh <email|email-events|webhook-retry> [--stage dev] [--endpoint-url URL] [--java]
#
#   --stage         the stage the stack was deployed as (default: dev)
#   --endpoint-url  an SQS-compatible endpoint, e.g. the local stack's ElasticMQ
#                   (default: $AWS_ENDPOINT_URL_SQS when set)
#   --java          move with the project's Java tool (com.boxoffice.retries.DeadLetterRedrive)
#                   instead of the AWS CLI; it also uses the move task, or receive/send/delete
#                   when run directly with --copy
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,15p' "$0" >&2; exit 2; }

[ $# -ge 1 ] || usage
queue="$1"; shift
case "$queue" in email|email-events|webhook-retry) ;; *) usage ;; esac
stage="dev"
endpoint="${AWS_ENDPOINT_URL_SQS:-}"
use_java=""
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage="$2"; shift 2 ;;
    --endpoint-url) endpoint="$2"; shift 2 ;;
    --java) use_java=1; shift ;;
    *) usage ;;
  esac
done

source_name="boxoffice-${queue}-${stage}"
dlq_name="boxoffice-${queue}-dlq-${stage}"
ep=()
[ -n "$endpoint" ] && ep=(--endpoint-url "$endpoint")

if [ -n "$use_java" ]; then
  cd "$root"
  # shellcheck source=scripts/java-home.sh
  . scripts/java-home.sh
  ./mvnw -B -q -ntp -DskipTests -pl functions/process-webhook-retries -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile
  [ -n "$endpoint" ] && export AWS_ENDPOINT_URL_SQS="$endpoint"
  exec java -cp "functions/process-webhook-retries/target/classes:$(cat functions/process-webhook-retries/target/classpath.txt)" \
    com.boxoffice.retries.DeadLetterRedrive --dlq "$dlq_name" --source "$source_name"
fi

url() { aws sqs get-queue-url --queue-name "$1" --query QueueUrl --output text "${ep[@]}"; }
arn() { aws sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn --query Attributes.QueueArn --output text "${ep[@]}"; }

dlq_url="$(url "$dlq_name")"
source_url="$(url "$source_name")"
dlq_arn="$(arn "$dlq_url")"
source_arn="$(arn "$source_url")"
waiting="$(aws sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names ApproximateNumberOfMessages \
  --query Attributes.ApproximateNumberOfMessages --output text "${ep[@]}")"
echo "${dlq_name}: ${waiting} message(s) to move to ${source_name}"

handle="$(aws sqs start-message-move-task --source-arn "$dlq_arn" --destination-arn "$source_arn" \
  --query TaskHandle --output text "${ep[@]}")"
for _ in $(seq 1 600); do
  # Our task, or one without a handle (finished tasks may be listed without it).
  read -r status moved <<<"$(aws sqs list-message-move-tasks --source-arn "$dlq_arn" --max-results 10 "${ep[@]}" \
    --query "Results[?TaskHandle=='${handle}' || TaskHandle==null] | [0].[Status, ApproximateNumberOfMessagesMoved]" \
    --output text)"
  [ "$moved" = "None" ] && moved=0
  case "$status" in
    COMPLETED) echo "moved ${moved} message(s) back to ${source_name}"; exit 0 ;;
    FAILED|CANCELLED) echo "move task ${status}; see: aws sqs list-message-move-tasks --source-arn ${dlq_arn}" >&2; exit 1 ;;
  esac
  sleep 1
done
echo "move task still running; see: aws sqs list-message-move-tasks --source-arn ${dlq_arn}" >&2
exit 1

#!/usr/bin/env bash
# Wraps an unsigned Stripe event payload in a Lambda function URL event (payload format 2.0)
# with a Stripe-Signature made now, so `sam local invoke StripeWebhookFunction` accepts it:
# a signature older than 300 seconds is refused, so a fixed sample cannot carry one.
#
#   scripts/sign-webhook-event.sh <payload.json> [secret] > /tmp/event.json
#   sam local invoke StripeWebhookFunction -e /tmp/event.json --env-vars env.json
#
# The secret defaults to the first of STRIPE_WEBHOOK_SECRETS, else whsec_local. The body is the
# payload file byte for byte (the signature covers exactly those bytes).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -f "$1" ]; then
  echo "usage: $0 <payload.json> [whsec_secret]" >&2
  exit 2
fi
payload="$1"
secret="${2:-${STRIPE_WEBHOOK_SECRETS:-whsec_local}}"
secret="${secret%%,*}"

for tool in openssl jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is required" >&2; exit 2; }
done

t="$(date +%s)"
v1="$({ printf '%s.' "$t"; cat "$payload"; } | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
request_id="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

jq -n --rawfile body "$payload" --arg sig "t=${t},v1=${v1}" --arg t "$t" --arg rid "$request_id" '{
  version: "2.0",
  routeKey: "$default",
  rawPath: "/",
  rawQueryString: "",
  headers: {
    "content-type": "application/json; charset=utf-8",
    "stripe-signature": $sig,
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    "host": "localhost"
  },
  requestContext: {
    accountId: "anonymous",
    apiId: "local",
    domainName: "localhost",
    domainPrefix: "local",
    http: {method: "POST", path: "/", protocol: "HTTP/1.1", sourceIp: "127.0.0.1",
           userAgent: "Stripe/1.0 (+https://stripe.com/docs/webhooks)"},
    requestId: $rid,
    routeKey: "$default",
    stage: "$default",
    timeEpoch: (($t | tonumber) * 1000)
  },
  body: $body,
  isBase64Encoded: false
}'

#!/usr/bin/env bash
# Runs every test of the project: first the fast tier (the domain services on in-memory ports,
# tests tagged `fast`, no server), then the other unit and integration tests of every module
# (against DynamoDB Local, ElasticMQ, stripe-mock and the SES emulator, all started by the tests on
# 127.0.0.1), then the local run command's walkthrough, then the template checks and the system
# tier that runs the built functions the way Lambda does.
# Installs what is missing first; fails with the name of anything it could not install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh

bash scripts/install-tools.sh

# The fast tier: seconds once compiled, and a broken domain rule stops the run here, before any
# server starts. The full run below leaves these tests out, so every test runs exactly once.
./mvnw -B -ntp test -Dgroups=fast

./mvnw -B -ntp verify -DexcludedGroups=fast "$@"

# The README's run command as a newcomer runs it, walking through a purchase, the mail and the
# door by itself (on ports of its own, so a stack already running here is left alone).
env -u STRIPE_SECRET_KEY DYNAMODB_PORT=18000 SQS_PORT=19324 SES_PORT=18005 SNS_PORT=15005 API_PORT=13000 WEBHOOK_PORT=13001 \
  STRIPE_MOCK_PORT=22111 bash scripts/run-local.sh --smoke

if [ -x scripts/system-test.sh ]; then
  bash scripts/system-test.sh
fi

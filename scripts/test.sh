#!/usr/bin/env bash
# Runs every test of the project: unit and integration tests of every module (against DynamoDB
# Local, ElasticMQ, stripe-mock and the SES emulator, all started by the tests on 127.0.0.1),
# then the template checks and the system tier that runs the built functions the way Lambda does.
# Installs what is missing first; fails with the name of anything it could not install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh

bash scripts/install-tools.sh

./mvnw -B -ntp verify "$@"

if [ -x scripts/system-test.sh ]; then
  bash scripts/system-test.sh
fi

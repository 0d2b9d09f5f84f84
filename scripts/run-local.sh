#!/usr/bin/env bash
# Starts the whole system on 127.0.0.1 (see README "Run it locally"). Installs the helper servers
# it needs, builds the functions, then runs the local runner in the foreground; Ctrl-C stops
# everything it started. Pass --smoke to walk through a purchase and a scan, then exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh

tools=(ses moto)
if [ -z "${STRIPE_SECRET_KEY:-}" ]; then
  tools+=(stripe-mock)
fi
bash scripts/install-tools.sh "${tools[@]}"

echo "Building the functions (first run downloads dependencies)..."
./mvnw -B -q -ntp -DskipTests -pl local -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

exec java -XX:TieredStopAtLevel=1 -cp "local/target/classes:$(cat local/target/classpath.txt)" \
  com.boxoffice.local.LocalRunner "$@"

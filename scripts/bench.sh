#!/usr/bin/env bash
# Runs every benchmark on the local stack and writes docs/benchmarks.md.
#
#   bash scripts/bench.sh                      # the full run (7 to 10 minutes on 2 cores)
#   bash scripts/bench.sh --quick              # small sizes, to try a change; writes bench/target/benchmarks-quick.md
#   bash scripts/bench.sh --quick --only door  # one suite (door, jmh, checkout, webhook, email, growth, sizes, startup, costmodel)
#
# Builds the modules (tests skipped: this is not a test run), then starts, all on 127.0.0.1 and
# all stopped at the end: DynamoDB Local and ElasticMQ in a JVM of their own, and stripe-mock.
# The functions' handlers run in the benchmark JVM; start-up is measured in fresh child JVMs.
# Logs: bench/target/logs/. The normal build (./mvnw verify, scripts/test.sh) runs no benchmark.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh

if [ ! -x .tools/bin/stripe-mock ]; then
  bash scripts/install-tools.sh stripe-mock
fi

out=docs/benchmarks.md
for a in "$@"; do
  if [ "$a" = "--quick" ]; then
    out=bench/target/benchmarks-quick.md
  fi
done

# Package (so the start-up and size suites measure the real jars; every function, as the size suite
# covers them all) and write the runtime classpaths: the shared layer's for the start-up probes,
# the bench module's for the benchmark JVM.
functions=$(ls -d functions/*/ | sed 's:/$::' | paste -sd, -)
./mvnw -B -ntp -q -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime -pl "bench,$functions" -am

mkdir -p bench/target/logs
cp="bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
# The AspectJ weaver as an agent weaves Powertools' @Idempotent into the peer checkout handler
# (bench/src/main/resources/META-INF/aop.xml names the one package it may touch).
weaver=$(tr ':' '\n' < bench/target/runtime-classpath.txt | grep '/aspectjweaver-[^/]*\.jar$' | head -n 1)
# -XX:TieredStopAtLevel=1: the handlers run with the client compiler only, as on Lambda's java21
# runtime. http.maxConnections: keep-alive for every caller's connection, as each Lambda container has.
# The functions log to standard output as on Lambda, whose runtime drains that pipe and ships the
# lines: here a second process drains it into bench/target/logs/bench-functions.log, so a handler
# pays for putting its line into a pipe, not for the disk (the progress lines go to standard error).
java -javaagent:"$weaver" -Xmx2g -XX:TieredStopAtLevel=1 -Dhttp.maxConnections=128 --enable-native-access=ALL-UNNAMED \
  -cp "$cp" com.boxoffice.bench.BenchMain --out "$out" --command "bash scripts/bench.sh${*:+ $*}" "$@" \
  | cat > "$root/bench/target/logs/bench-functions.log"

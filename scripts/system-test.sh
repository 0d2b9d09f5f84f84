#!/usr/bin/env bash
# The system tier (docs/system-tests.md): checks template.yaml with `sam validate --lint` and
# cfn-lint, builds every function and the layer with `sam build`, then runs the built artifacts
# under the Lambda Runtime Interface Emulator against DynamoDB Local, ElasticMQ, stripe-mock and
# the SES v2 emulator (Maven module system-tests, profile "system"), all on 127.0.0.1.
#
#   bash scripts/system-test.sh            # everything
#   SKIP_SAM_BUILD=1 bash scripts/system-test.sh   # reuse .aws-sam/build from an earlier run
#
# Installs missing tools first and names any it could not install. Every process it starts runs
# in a process group of its own, which is stopped on exit; anything still alive after a step is
# reported and counted as a failure. Exits non-zero if anything failed. The last line is
# `system: N passed, N failed` (template checks and build count one each, then every test).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/java-home.sh
. scripts/java-home.sh
export SAM_CLI_TELEMETRY=0

logs="$root/system-tests/target/system-logs"
mkdir -p "$logs"
passed=0
failed=0
skipped=0
group=""

stop_group() {
  if [ -n "$group" ] && kill -0 -- "-$group" 2>/dev/null; then
    kill -TERM -- "-$group" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$group" 2>/dev/null || true
  fi
  group=""
}
trap stop_group EXIT
trap 'stop_group; exit 130' INT TERM

# step NAME LOG CMD...: runs CMD in its own process group, counts it, then checks that nothing
# it started is still running.
step() {
  local name=$1 log=$2 started=$SECONDS rc=0
  shift 2
  setsid "$@" >"$log" 2>&1 &
  group=$!
  wait "$group" || rc=$?
  if pgrep -g "$group" >/dev/null 2>&1; then
    echo "system: '$name' left processes running, stopping them:" >&2
    ps -o pid=,args= -g "$group" | sed 's/^/    /' >&2 || true
    stop_group
    [ "$rc" -ne 0 ] || rc=1
  fi
  group=""
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'system: ok     %-28s (%ss)\n' "$name" "$((SECONDS - started))"
  else
    failed=$((failed + 1))
    printf 'system: FAILED %-28s (%ss, exit %s); last lines of %s:\n' "$name" "$((SECONDS - started))" "$rc" \
      "${log#"$root"/}"
    tail -n 30 "$log" | sed 's/^/    /'
  fi
  return "$rc"
}

finish() {
  [ "$skipped" -eq 0 ] || echo "system: $skipped skipped (reasons in system-tests/target/surefire-reports)"
  echo "system: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if ! bash scripts/install-tools.sh rie sam stripe-mock ses; then
  echo "system: the tools above could not be installed; nothing was run" >&2
  failed=$((failed + 1))
  finish
fi

step "sam validate --lint" "$logs/sam-validate.log" .tools/bin/sam validate --lint --template template.yaml || true
step "cfn-lint" "$logs/cfn-lint.log" .tools/bin/cfn-lint -- template.yaml || true

built=1
if [ "${SKIP_SAM_BUILD:-0}" = 1 ] && [ -f .aws-sam/build/template.yaml ]; then
  echo "system: skipping sam build (SKIP_SAM_BUILD=1), using .aws-sam/build"
else
  rm -rf .aws-sam/build
  step "sam build" "$logs/sam-build.log" .tools/bin/sam build --template template.yaml || built=0
fi

if [ "$built" = 1 ]; then
  rm -rf system-tests/target/surefire-reports system-tests/target/init-durations.txt
  # -DskipTests skips the other modules' tests (scripts/test.sh has just run them); the system
  # tests themselves only skip with -DskipSystemTests.
  maven_rc=0
  step "emulated functions (Maven)" "$logs/maven.log" ./mvnw -B -ntp -Psystem -pl system-tests -am verify -DskipTests \
    || maven_rc=$?
  # The Maven step itself is not a test: replace its count with the tests it ran.
  if [ "$maven_rc" -eq 0 ]; then passed=$((passed - 1)); else failed=$((failed - 1)); fi
  read -r ran bad skip < <(python3 - system-tests/target/surefire-reports <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ran = bad = skip = 0
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    s = ET.parse(f).getroot()
    ran += int(s.get("tests", 0)); skip += int(s.get("skipped", 0))
    bad += int(s.get("failures", 0)) + int(s.get("errors", 0))
print(ran, bad, skip)
PY
  )
  passed=$((passed + ran - bad - skip))
  failed=$((failed + bad))
  skipped=$((skipped + skip))
  if [ "$maven_rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    echo "system: the Maven run failed without a failing test (build error or crash); see ${logs#"$root"/}/maven.log"
    failed=$((failed + 1))
  fi
  if [ -f system-tests/target/init-durations.txt ]; then
    echo "system: init durations (system-tests/target/init-durations.txt):"
    grep -v '^#' system-tests/target/init-durations.txt | column -t | sed 's/^/    /'
  fi
fi

finish

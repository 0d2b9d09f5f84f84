#!/usr/bin/env bash
# Installs the external tools the tests need into <repo>/.tools (git-ignored).
#
#   bash scripts/install-tools.sh              # all tools
#   bash scripts/install-tools.sh sam ses      # only the named ones
#
# Tools (names accepted on the command line):
#   stripe-mock  -> .tools/bin/stripe-mock        (go install, Go module proxy)
#   rie          -> .tools/bin/aws-lambda-rie     (binary taken from the aws-sam-cli wheel on PyPI)
#   ses          -> .tools/bin/aws-ses-v2-local   (npm, .tools/node)
#   sam          -> .tools/bin/sam, .tools/bin/cfn-lint (PyPI, venv .tools/venv)
#   awscli       -> .tools/bin/aws                (PyPI, venv .tools/awscli-venv)
#   uplot        -> .tools/uplot/node_modules/uplot/dist (npm; vendored into the dashboard at build)
#   chromium     -> /usr/bin/chromium, /usr/bin/chromedriver (Debian packages chromium and
#                   chromium-driver, for the dashboard's browser tests; needs root or sudo)
#   moto         -> .tools/bin/moto_server        (PyPI moto[server], venv .tools/moto-venv)
#
# Versions are pinned in scripts/tool-versions.env. Idempotent: a stamp file per tool
# (.tools/stamps/<tool>) records the installed version; a tool whose stamp matches the
# pin and whose binaries are present is skipped. Install logs go to .tools/logs/<tool>.log.
# Needs only: go, node/npm, python3 (with venv) and the registries PyPI, npm, Go module proxy;
# the browser comes from Debian's packages (apt-get), the one tool installed system-wide.
#
# How to run the tools bound to loopback only (all verified with this script's pins):
#
#   stripe-mock (v0.203.0; `-version` prints "master" for a `go install` build):
#     .tools/bin/stripe-mock -http-addr 127.0.0.1:12111 -https-addr 127.0.0.1:0
#     curl -s -u sk_test_123: http://127.0.0.1:12111/v1/customers     (any sk_test_ key; none -> 401)
#   CAUTION: `-http-addr` alone still starts the default HTTPS listener on *:12112 (all
#   interfaces, fixed port); only -http / -http-port / -http-unix / -port switch it off.
#   `-http-port N` alone listens on *:N. So pass -http-addr AND -https-addr 127.0.0.1:0
#   (system-chosen port), or -https-unix PATH. It logs "Listening for HTTP at address: ...".
#
#   aws-ses-v2-local (2.10.2): flags --host and --port (defaults: host "::" = all
#   interfaces, port 8005). Logs "server running at http://localhost:<port>" when ready.
#     .tools/bin/aws-ses-v2-local --host 127.0.0.1 --port 8005
#   Endpoints: POST /v2/email/outbound-emails (SES v2 SendEmail; needs any
#   "Authorization: AWS..." header, else 403), POST / (SES v1 Action=SendEmail/SendRawEmail),
#   GET /store[?since=<epoch seconds>] -> {"templates":{},"emails":[{"messageId":"ses-...",
#   "from":..,"replyTo":[],"destination":{"to":[..],"cc":[],"bcc":[]},"subject":..,
#   "body":{"html":..,"text":..},"attachments":[],"at":<epoch s>}]} (no auth needed),
#   POST /clear-store, GET /health-check (200, empty body), GET / (web viewer).
#   Leave SMTP_TRANSPORT unset, or every stored mail is also forwarded over SMTP.
#
#   moto_server (moto[server] 5.2.5): one HTTP endpoint for every service it mocks, the service
#   told apart by the request's signing name; SNS is the one used here.
#     .tools/bin/moto_server -H 127.0.0.1 -p 5000
#   GET /moto-api/ (dashboard), GET /moto-api/data.json (every mocked resource, as JSON),
#   POST /moto-api/reset (forget everything). SNS mobile push: CreatePlatformApplication,
#   CreatePlatformEndpoint, GetEndpointAttributes, SetEndpointAttributes, DeleteEndpoint,
#   Publish with TargetArn (recorded; a disabled endpoint answers EndpointDisabled). It never
#   reaches APNs or FCM, so it cannot throttle or time out: tests put WireMock in front for that.
#
#   aws-lambda-rie:
#     aws-lambda-rie [--runtime-interface-emulator-address 0.0.0.0:8080]
#                    [--runtime-api-address 127.0.0.1:9001] [--log-level info]
#                    <runtime command> [args...; the last one is the handler]
#   It has NO --help/--version: a non-flag argument is taken as the runtime command and the
#   emulator starts serving. The runtime command is started lazily on the first invoke, with
#   AWS_LAMBDA_RUNTIME_API=<runtime-api-address> and _HANDLER=<last arg>. Invoke with
#     curl -d '{}' http://127.0.0.1:8080/2015-03-31/functions/function/invocations
#   SIGTERM stops it and SIGKILLs the runtime process.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
STAMPS="$TOOLS/stamps"
LOGS="$TOOLS/logs"
VENV="$TOOLS/venv"
NODE_PREFIX="$TOOLS/node"

# shellcheck source=tool-versions.env
. "$SCRIPT_DIR/tool-versions.env"

ALL_TOOLS=(stripe-mock rie ses sam awscli moto uplot chromium)

usage() {
    echo "usage: $0 [tool...]   tools: ${ALL_TOOLS[*]} (default: all)"
}

CURRENT_TOOL=""

label() {
    case "$1" in
        rie) echo "rie (aws-lambda-rie)" ;;
        ses) echo "ses (aws-ses-v2-local)" ;;
        sam) echo "sam (aws-sam-cli + cfn-lint)" ;;
        awscli) echo "awscli (aws)" ;;
        uplot) echo "uplot (dashboard charts)" ;;
        chromium) echo "chromium (+ chromium-driver)" ;;
        moto) echo "moto (moto_server)" ;;
        *) echo "$1" ;;
    esac
}

die() {
    echo "install-tools: ERROR: could not install $(label "${CURRENT_TOOL:-tools}"): $*" >&2
    exit 1
}

# run_logged CMD...: runs CMD with output appended to the tool's log; on failure names the
# tool and the exact command, shows the end of the log and exits non-zero.
run_logged() {
    local log="$LOGS/$CURRENT_TOOL.log" rc=0
    printf '+ %s\n' "$*" >>"$log"
    "$@" >>"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        {
            echo "install-tools: ERROR: could not install $(label "$CURRENT_TOOL")"
            echo "install-tools:   command failed (exit $rc): $*"
            echo "install-tools:   last lines of $log:"
            tail -n 25 "$log" | sed 's/^/    /'
        } >&2
        exit 1
    fi
}

need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH ($2)"
}

stamp_ok() { # tool version files...
    local tool=$1 version=$2 f
    shift 2
    [ -f "$STAMPS/$tool" ] && [ "$(cat "$STAMPS/$tool")" = "$version" ] || return 1
    for f in "$@"; do
        [ -x "$f" ] || return 1
    done
}

write_stamp() { # tool version
    printf '%s\n' "$2" >"$STAMPS/$1"
}

# start_install: forget the old stamp and start a fresh log for CURRENT_TOOL.
start_install() {
    rm -f "$STAMPS/$CURRENT_TOOL"
    : >"$LOGS/$CURRENT_TOOL.log"
}

TMP_DIRS=()
cleanup() { [ ${#TMP_DIRS[@]} -eq 0 ] || rm -rf "${TMP_DIRS[@]}"; }
trap cleanup EXIT

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        need_cmd python3 "install Python 3.10+, e.g. apt-get install python3 python3-venv"
        rm -rf "$VENV"
        run_logged python3 -m venv "$VENV"
    fi
}

# ---------------------------------------------------------------------------------------
install_stripe_mock() {
    local version=$STRIPE_MOCK_VERSION
    if stamp_ok stripe-mock "$version" "$BIN/stripe-mock"; then
        RESULT="$version: already installed, skipped"
        return
    fi
    need_cmd go "install Go >= 1.22 (e.g. apt-get install golang-go, or from go.dev)"
    start_install
    # GOTOOLCHAIN=local: never download another Go toolchain; GOFLAGS: no VCS stamping.
    run_logged env GOBIN="$BIN" GOCACHE="$TOOLS/go-cache" GOTOOLCHAIN=local GOFLAGS=-buildvcs=false \
        go install "github.com/stripe/stripe-mock@$version"
    run_logged "$BIN/stripe-mock" -version
    write_stamp stripe-mock "$version"
    RESULT="$version: installed -> .tools/bin/stripe-mock"
}

install_rie() {
    # The Go module proxy refuses github.com/aws/aws-lambda-runtime-interface-emulator,
    # so the official prebuilt binary is taken from the aws-sam-cli wheel (PyPI).
    local carrier=$RIE_FROM_AWS_SAM_CLI_VERSION arch member tmp
    local version="aws-sam-cli==$carrier"
    if stamp_ok rie "$version" "$BIN/aws-lambda-rie"; then
        RESULT="$version (its bundled binary): already installed, skipped"
        return
    fi
    case "$(uname -m)" in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *) die "no aws-lambda-rie binary for architecture $(uname -m)" ;;
    esac
    member="samcli/local/rapid/aws-lambda-rie-$arch"
    start_install
    ensure_venv
    tmp=$(mktemp -d)
    TMP_DIRS+=("$tmp")
    run_logged "$VENV/bin/python" -m pip download --no-input --no-deps --only-binary=:all: \
        -d "$tmp" "aws-sam-cli==$carrier"
    run_logged "$VENV/bin/python" - "$tmp" "$member" "$BIN/aws-lambda-rie" <<'PY'
import glob, os, shutil, sys, zipfile
tmp, member, dest = sys.argv[1:]
wheels = glob.glob(os.path.join(tmp, "aws_sam_cli-*.whl"))
if len(wheels) != 1:
    sys.exit("expected one aws_sam_cli wheel in %s, found %r" % (tmp, wheels))
with zipfile.ZipFile(wheels[0]) as z, z.open(member) as src, open(dest + ".tmp", "wb") as out:
    shutil.copyfileobj(src, out)
os.chmod(dest + ".tmp", 0o755)
os.replace(dest + ".tmp", dest)
print("extracted", member, "->", dest)
PY
    # The binary has no --help/--version (it would start serving); check it is a runnable ELF.
    run_logged file_is_elf "$BIN/aws-lambda-rie"
    write_stamp rie "$version"
    RESULT="$version (its bundled binary): installed -> .tools/bin/aws-lambda-rie"
}

file_is_elf() {
    [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ] || {
        echo "$1 is not an ELF executable"
        return 1
    }
}

install_ses() {
    local version=$AWS_SES_V2_LOCAL_VERSION
    if stamp_ok ses "$version" "$BIN/aws-ses-v2-local"; then
        RESULT="$version: already installed, skipped"
        return
    fi
    need_cmd npm "install Node.js >= 20 with npm (e.g. apt-get install nodejs npm)"
    start_install
    mkdir -p "$NODE_PREFIX"
    run_logged npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error \
        "aws-ses-v2-local@$version"
    ln -sfn ../node/node_modules/.bin/aws-ses-v2-local "$BIN/aws-ses-v2-local"
    run_logged test -x "$BIN/aws-ses-v2-local"
    write_stamp ses "$version"
    RESULT="$version: installed -> .tools/bin/aws-ses-v2-local"
}

install_sam() {
    local version="aws-sam-cli==$AWS_SAM_CLI_VERSION cfn-lint==$CFN_LINT_VERSION"
    if stamp_ok sam "$version" "$BIN/sam" "$BIN/cfn-lint"; then
        RESULT="$version: already installed, skipped"
        return
    fi
    start_install
    ensure_venv
    run_logged "$VENV/bin/python" -m pip install --no-input \
        "aws-sam-cli==$AWS_SAM_CLI_VERSION" "cfn-lint==$CFN_LINT_VERSION"
    ln -sfn ../venv/bin/sam "$BIN/sam"
    ln -sfn ../venv/bin/cfn-lint "$BIN/cfn-lint"
    run_logged env SAM_CLI_TELEMETRY=0 "$BIN/sam" --version
    run_logged "$BIN/cfn-lint" --version
    write_stamp sam "$version"
    RESULT="$version: installed -> .tools/bin/sam, .tools/bin/cfn-lint"
}

install_awscli() {
    local version="awscli==$AWSCLI_VERSION" venv="$TOOLS/awscli-venv"
    if stamp_ok awscli "$version" "$BIN/aws"; then
        RESULT="$version: already installed, skipped"
        return
    fi
    need_cmd python3 "install Python 3.10+, e.g. apt-get install python3 python3-venv"
    start_install
    rm -rf "$venv"
    run_logged python3 -m venv "$venv"
    run_logged "$venv/bin/python" -m pip install --no-input "awscli==$AWSCLI_VERSION"
    ln -sfn ../awscli-venv/bin/aws "$BIN/aws"
    run_logged "$BIN/aws" --version
    write_stamp awscli "$version"
    RESULT="$version: installed -> .tools/bin/aws"
}

install_uplot() {
    local version=$UPLOT_VERSION prefix="$TOOLS/uplot"
    local dist="$prefix/node_modules/uplot/dist"
    if stamp_ok uplot "$version" && [ -f "$dist/uPlot.iife.min.js" ] && [ -f "$dist/uPlot.min.css" ]; then
        RESULT="$version: already installed, skipped"
        return
    fi
    need_cmd npm "install Node.js >= 20 with npm (e.g. apt-get install nodejs npm)"
    start_install
    mkdir -p "$prefix"
    run_logged npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "uplot@$version"
    run_logged test -f "$dist/uPlot.iife.min.js"
    run_logged test -f "$dist/uPlot.min.css"
    write_stamp uplot "$version"
    RESULT="$version: installed -> .tools/uplot/node_modules/uplot/dist"
}

# The browser tests drive Debian's Chromium through Debian's chromedriver (same build, so the
# two always match); nothing is downloaded at test time. CHROMIUM_BINARY and CHROMEDRIVER point
# the tests elsewhere on a machine without apt (e.g. macOS with a Chrome and its driver).
install_chromium() {
    local browser=${CHROMIUM_BINARY:-/usr/bin/chromium} driver=${CHROMEDRIVER:-/usr/bin/chromedriver}
    if [ -x "$browser" ] && [ -x "$driver" ]; then
        RESULT="$("$browser" --version 2>/dev/null | head -n 1): already installed, skipped"
        return
    fi
    need_cmd apt-get "install Chromium and its chromedriver, then set CHROMIUM_BINARY and CHROMEDRIVER"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        need_cmd sudo "run as root, or install the Debian packages chromium and chromium-driver"
        sudo=(sudo)
    fi
    start_install
    run_logged "${sudo[@]}" apt-get update
    run_logged "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium chromium-driver
    run_logged test -x /usr/bin/chromium
    run_logged /usr/bin/chromedriver --version
    write_stamp chromium "$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo debian)"
    RESULT="$(/usr/bin/chromium --version 2>/dev/null | head -n 1): installed -> /usr/bin/chromium, /usr/bin/chromedriver"
}

install_moto() {
    local version="moto[server]==$MOTO_VERSION" venv="$TOOLS/moto-venv"
    if stamp_ok moto "$version" "$BIN/moto_server"; then
        RESULT="$version: already installed, skipped"
        return
    fi
    need_cmd python3 "install Python 3.10+, e.g. apt-get install python3 python3-venv"
    start_install
    rm -rf "$venv"
    run_logged python3 -m venv "$venv"
    run_logged "$venv/bin/python" -m pip install --no-input "moto[server]==$MOTO_VERSION"
    ln -sfn ../moto-venv/bin/moto_server "$BIN/moto_server"
    run_logged "$BIN/moto_server" --help
    write_stamp moto "$version"
    RESULT="$version: installed -> .tools/bin/moto_server"
}

# ---------------------------------------------------------------------------------------
selected=()
for arg in "$@"; do
    case "$arg" in
        -h | --help) usage; exit 0 ;;
        all) selected+=("${ALL_TOOLS[@]}") ;;
        stripe-mock | rie | ses | sam | awscli | uplot | chromium) selected+=("$arg") ;;
        stripe-mock | rie | ses | sam | awscli | moto) selected+=("$arg") ;;
        *) usage >&2; echo "install-tools: ERROR: unknown tool '$arg'" >&2; exit 2 ;;
    esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${ALL_TOOLS[@]}")

mkdir -p "$BIN" "$STAMPS" "$LOGS"

declare -A done_tools=()
for tool in "${selected[@]}"; do
    [ -z "${done_tools[$tool]:-}" ] || continue
    done_tools[$tool]=1
    CURRENT_TOOL=$tool
    RESULT=""
    started=$SECONDS
    case "$tool" in
        stripe-mock) install_stripe_mock ;;
        rie) install_rie ;;
        ses) install_ses ;;
        sam) install_sam ;;
        awscli) install_awscli ;;
        uplot) install_uplot ;;
        chromium) install_chromium ;;
        moto) install_moto ;;
    esac
    printf '%-30s %s (%ss)\n' "$(label "$tool"):" "$RESULT" "$((SECONDS - started))"
done

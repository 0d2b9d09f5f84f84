# Source this file (do not execute it):   . scripts/java-home.sh
#
# Finds a JDK (java + javac) of version >= 21 and exports JAVA_HOME and PATH (with
# $JAVA_HOME/bin first). Looks at, in order:
#   1. $JAVA_HOME, if it already points at a JDK >= 21;
#   2. /usr/lib/jvm/* (the newest JDK >= 21 there wins; e.g. temurin-25-jdk-amd64);
#   3. `java` on PATH (resolved through symlinks), if it belongs to a JDK >= 21.
# Prints nothing on success unless VERBOSE=1. If no JDK >= 21 is found it prints how to
# install one and returns 1 (exits 1 if the file was executed instead of sourced).
# Works in bash and POSIX sh, and under `set -euo pipefail`; the caller's shell options and
# variables other than JAVA_HOME and PATH are left untouched.

# _jh_major DIR: prints the feature version (e.g. 21) of the JDK in DIR, or nothing.
_jh_major() {
    _jh_v=""
    if [ -r "$1/release" ]; then
        _jh_v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}.*/\1/p' "$1/release" 2>/dev/null | head -n 1) || _jh_v=""
    fi
    if [ -z "$_jh_v" ]; then
        _jh_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1) || _jh_v=""
    fi
    case "$_jh_v" in
        1.*) _jh_v=${_jh_v#1.} ;;
    esac
    _jh_v=${_jh_v%%[!0-9]*}
    [ -n "$_jh_v" ] && printf '%s\n' "$_jh_v"
    return 0
}

# _jh_ok DIR: true if DIR is a JDK (bin/java and bin/javac) of version >= 21.
_jh_ok() {
    [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    _jh_m=$(_jh_major "$1")
    [ -n "$_jh_m" ] && [ "$_jh_m" -ge 21 ]
}

_jh_find() {
    _jh_found=""
    # 1. $JAVA_HOME
    if [ -n "${JAVA_HOME:-}" ] && _jh_ok "$JAVA_HOME"; then
        _jh_found=$JAVA_HOME
        return 0
    fi
    # 2. /usr/lib/jvm/*: the highest version >= 21
    _jh_best=0
    for _jh_d in /usr/lib/jvm/*; do
        [ -d "$_jh_d" ] || continue
        _jh_ok "$_jh_d" || continue
        _jh_m=$(_jh_major "$_jh_d")
        if [ "$_jh_m" -gt "$_jh_best" ]; then
            _jh_best=$_jh_m
            _jh_found=$(cd "$_jh_d" && pwd -P)
        fi
    done
    [ -z "$_jh_found" ] || return 0
    # 3. java on PATH
    _jh_java=$(command -v java 2>/dev/null) || _jh_java=""
    if [ -n "$_jh_java" ]; then
        _jh_java=$(readlink -f "$_jh_java" 2>/dev/null) || _jh_java=""
        if [ -n "$_jh_java" ]; then
            _jh_d=$(dirname "$(dirname "$_jh_java")")
            if _jh_ok "$_jh_d"; then
                _jh_found=$_jh_d
                return 0
            fi
        fi
    fi
    return 1
}

_jh_cleanup() {
    unset -f _jh_major _jh_ok _jh_find _jh_cleanup
    unset _jh_v _jh_m _jh_d _jh_best _jh_java _jh_found _jh_rc
}

if _jh_find; then
    JAVA_HOME=$_jh_found
    export JAVA_HOME
    case ":$PATH:" in
        ":$JAVA_HOME/bin:"*) ;;
        *) PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
    export PATH
    if [ "${VERBOSE:-0}" = 1 ]; then
        echo "java-home: JAVA_HOME=$JAVA_HOME (Java $(_jh_major "$JAVA_HOME"))" >&2
    fi
    _jh_cleanup
    true
else
    {
        echo "java-home: ERROR: no JDK >= 21 found (looked at \$JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, and 'java' on PATH: $(command -v java 2>/dev/null || echo none))."
        echo "java-home: This build needs a full JDK (java and javac) of version 21 or newer. To get one:"
        echo "java-home:   - Debian 13 (trixie) or newer / Ubuntu 24.04+: apt-get install openjdk-21-jdk  (or openjdk-25-jdk)"
        echo "java-home:   - Debian 12 (bookworm) has no JDK 21 package (only openjdk-17-jdk): add the Eclipse Adoptium apt"
        echo "java-home:     repository and run apt-get install temurin-21-jdk (or temurin-25-jdk), or unpack any JDK 21+"
        echo "java-home:     under /usr/lib/jvm/ or elsewhere and point JAVA_HOME at it."
    } >&2
    _jh_cleanup
    # 'return' works when sourced; if executed, fall back to exit.
    return 1 2>/dev/null || exit 1
fi

#!/usr/bin/env bash
# Runs PatCode's whole test suite: restores, builds the solution (samples and test plugins included), runs
# every test project, and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/test.sh [--no-install] [--filter EXPR] [--help]

Installs what the tests need when it is missing (Debian packages, as root: redis-server, sqlite3,
shellcheck, yamllint, docker-compose, python3, gcc (links the native front end), and promtool from the prometheus package), builds
PatCode.sln and runs all tests.

  --no-install   never call apt-get; fail with a message if a tool is missing
  --filter EXPR  pass a dotnet test filter, e.g. 'FullyQualifiedName~Plugins'
  --help         this text

Exit codes: 0 all tests passed, 1 a test failed or the build failed, 2 bad usage.
TXT
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
install=1
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0; shift ;;
    --filter) [ $# -ge 2 ] || { echo "test.sh: error: --filter needs a value" >&2; exit 2; }; filter=(--filter "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "test.sh: error: unknown flag '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Tools the tests use, as "command:debian-package".
needed=(redis-server:redis-server sqlite3:sqlite3 shellcheck:shellcheck yamllint:yamllint docker-compose:docker-compose python3:python3 gcc:gcc)
missing=()
for pair in "${needed[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$install" -eq 1 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: error: missing ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi

# promtool (Prometheus' linter, for the metrics tests) comes in Debian's prometheus package, which also installs
# and may start a Prometheus server. Only the promtool binary is taken out of the package: no server, no
# service, nothing left running.
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$install" -eq 1 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing promtool (from the prometheus package, binary only)"
    work="$(mktemp -d "${TMPDIR:-/tmp}/patcode-promtool.XXXXXX")"
    [ "${#missing[@]}" -gt 0 ] || apt-get update -qq
    (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root prometheus >/dev/null)
    dpkg-deb --fsys-tarfile "$work"/prometheus_*.deb | tar -x -C "$work" ./usr/bin/promtool
    install -m 0755 "$work/usr/bin/promtool" /usr/local/bin/promtool
    rm -rf "$work"
  else
    echo "test.sh: error: missing promtool; install it (sudo apt-get install prometheus, or only its promtool binary) and run again" >&2
    exit 1
  fi
fi

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: error: the .NET 10 SDK is not installed (see https://dot.net)" >&2; exit 1; }

cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build PatCode.sln -c Release --nologo -v quiet -clp:ErrorsOnly
status=0
dotnet test PatCode.sln -c Release --no-build --nologo -v quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "${filter[@]}" || status=$?

# The closing line comes from the TRX files themselves, not from console output.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"

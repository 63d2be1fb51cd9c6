#!/usr/bin/env bash
# Runs PatCode's benchmarks and writes artifacts/bench/results.json as a list of {"name","value","unit"}.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/bench.sh [--filter GLOB] [--quick] [--help]

Builds the benchmarks in Release and runs them. Results merge into artifacts/bench/results.json,
so a filtered run keeps the figures it did not measure.

  --filter GLOB   only figures whose name matches GLOB, e.g. 'cache.*'; several globs separated by commas,
                  e.g. 'startup.*,ask.*,cli.*,plugins.list*' (the whole-process figures) (default: all)
  --quick         BenchmarkDotNet's short run: fewer iterations, noisier figures
  --help          this text
TXT
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) [ $# -ge 2 ] || { echo "error: --filter needs a value" >&2; exit 2; }; args+=(--filter "$2"); shift 2 ;;
    --quick) args+=(--quick); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown flag '$1' (see --help)" >&2; exit 2 ;;
  esac
done

cd "$root"
dotnet build PatCode.sln -c Release --nologo -v quiet
# Whole-process figures time the host as users get it: published with ReadyToRun, as install.sh does, into an
# empty folder (install.sh publishes into a fresh staging folder): files an older publish left behind would be
# scanned and hashed with the plugins and slow every figure down.
rm -rf "$root/artifacts/bench/patcode" "$root/artifacts/bench/hello"
dotnet publish host/PatCode.Cli -c Release -o "$root/artifacts/bench/patcode" --nologo -v quiet
export PATCODE_BENCH_HOST="$root/artifacts/bench/patcode/patcode"
# The floor the whole-process figures are divided by (…_x_floor): a hello world published the same way.
dotnet publish tests/PatCode.Benchmarks.Hello -c Release -o "$root/artifacts/bench/hello" --nologo -v quiet
export PATCODE_BENCH_HELLO="$root/artifacts/bench/hello/hello"
dotnet run --project tests/PatCode.Benchmarks -c Release --no-build -- --out "$root/artifacts/bench/results.json" "${args[@]}"
echo "wrote $root/artifacts/bench/results.json (scripts/bench-readme.sh puts it into the README's table)"

#!/usr/bin/env bash
# Writes the README's figures table from artifacts/bench/results.json, between <!-- bench:start --> and
# <!-- bench:end -->, with the date of the run, the commit and the machine. The table is never typed by hand.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/bench-readme.sh [--results FILE] [--readme FILE] [--commit REV] [--date YYYY-MM-DD] [--machine TEXT] [--help]

Replaces what stands between <!-- bench:start --> and <!-- bench:end --> in the README with a table of every
figure in results.json (value, unit and, where an issue set one, the target), headed by the date of the run,
the commit and the machine. Run it right after scripts/bench.sh, on the machine that ran it.

  --results FILE   the figures (default: artifacts/bench/results.json)
  --readme FILE    the file to update (default: README.md)
  --commit REV     the commit measured (default: git rev-parse --short HEAD, '+dirty' with local changes
                   other than the README)
  --date DATE      the day of the run (default: the modification date of the results file, UTC)
  --machine TEXT   the machine (default: CPU model, cores and memory from /proc/cpuinfo and /proc/meminfo, OS, .NET)
  --help           this text

Exit codes: 0 written, 1 failure (missing or unreadable file, no markers), 2 bad usage.
TXT
}

die() { echo "bench-readme: error: $*" >&2; exit 1; }
bad_usage() { echo "bench-readme: error: $* (see --help)" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
results="$root/artifacts/bench/results.json"
readme="$root/README.md"
commit=""
date=""
machine=""
while [ $# -gt 0 ]; do
  case "$1" in
    --results|--readme|--commit|--date|--machine)
      if [ $# -lt 2 ] || [ -z "$2" ]; then bad_usage "$1 needs a value"; fi
      case "$1" in
        --results) results="$2" ;;
        --readme) readme="$2" ;;
        --commit) commit="$2" ;;
        --date) date="$2" ;;
        --machine) machine="$2" ;;
      esac
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown flag '$1'" ;;
  esac
done

command -v python3 >/dev/null 2>&1 || die "python3 is needed (sudo apt-get install python3)"
[ -f "$results" ] || die "$results does not exist; run scripts/bench.sh first"
[ -f "$readme" ] || die "$readme does not exist"

if [ -z "$commit" ]; then
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" || die "cannot tell the commit (not a git checkout?); pass --commit"
  # The README this script rewrites does not count as a local change.
  [ -z "$(git -C "$root" status --porcelain --untracked-files=no -- . ":(exclude)$(realpath --relative-to="$root" "$readme")" 2>/dev/null)" ] || commit="$commit+dirty"
fi

if [ -z "$date" ]; then
  date="$(date -u -r "$results" +%Y-%m-%d)"
fi

if [ -z "$machine" ]; then
  cpu="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)"
  cores="$(grep -c '^processor' /proc/cpuinfo)"
  mem_kib="$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\).*/\1/p' /proc/meminfo)"
  os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")"
  runtime="$(dotnet --list-runtimes 2>/dev/null | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1)"
  machine="${cpu:-unknown CPU}, $cores cores, $(( (mem_kib + 524288) / 1048576 )) GiB${os:+, $os}${runtime:+, .NET $runtime}"
fi

python3 - "$results" "$readme" "$commit" "$date" "$machine" <<'PY'
import json
import os
import sys

results, readme, commit, date, machine = sys.argv[1:]

# Targets the issues set, as (comparison, value); figures without one show a dash.
TARGETS = {
    "startup.hello_ms": None,
    "cli.version_ms_x_floor": ("≤", 1.1),
    "plugins.list_process_ms": ("≤", 100),
    "plugins.list_process_ms_x_floor": ("≤", 1.3),
    "ask.process_ms_x_floor": ("≤", 4.0),
    "ask.process_hit_ms_x_floor": ("≤", 4.0),
    "ask.peak_rss_mb": ("≤", 70),
    "plugins.install_feed_ms": ("≤", 1500),
    "plugins.load_one_ms": ("≤", 10),
    "plugins.remote_call_us": ("≤", 150),
    "plugins.worker_start_ms": ("≤", 120),
    "plugins.worker_rss_mb": ("≤", 45),
    "ask.process_overhead_ms": ("≤", 60),
    "chain.dispatch_3_ns": ("≤", 1000),
    "chain.dispatch_50_ns": ("≤", 20000),
    "plugins.unload_cycles_mb": ("≤", 1),
    "chat.host_overhead_ms": ("≤", 2),
    "cache.exact_get_us": ("≤", 5),
    "cache.near_get_100k_us": ("≤", 500),
    "cache.set_us": ("≤", 300),
    "cache.open_100k_ms": ("≤", 1000),
    "cache.near_recall_pct": ("≥", 99),
    "cache.near_false_hits": ("=", 0),
    "telemetry.counter_add_ns": ("≤", 20),
    "telemetry.timer_scope_ns": ("≤", 100),
    "telemetry.stats_ms": ("≤", 5),
    "analyzer.10k_files_ms": ("≤", 1000),
    "analyzer.10k_files_git_ms": ("≤", 1000),
}
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def fail(message):
    print(f"bench-readme: error: {message}", file=sys.stderr)
    sys.exit(1)


def number(value):
    return f"{value:g}" if abs(value) >= 1 or value == 0 else f"{value:.3g}"


def shown(value, unit):
    if unit == "x":
        return f"{number(value)} ×"
    return f"{number(value)} {unit}".rstrip()


try:
    with open(results, encoding="utf-8") as f:
        figures = json.load(f)
    rows = [(str(f["name"]), float(f["value"]), str(f.get("unit", ""))) for f in figures]
except (OSError, ValueError, KeyError, TypeError) as e:
    fail(f"{results} is not a list of {{\"name\",\"value\",\"unit\"}} ({e}); run scripts/bench.sh again")
if not rows:
    fail(f"{results} holds no figures; run scripts/bench.sh again")

lines = [
    START,
    f"Measured {date} at commit `{commit}` on {machine}, by `scripts/bench.sh`; written by `scripts/bench-readme.sh`.",
    "",
    "| figure | value | target |",
    "|---|---|---|",
]
for name, value, unit in sorted(rows):
    target = TARGETS.get(name)
    target_text = "–" if target is None else f"{target[0]} {shown(target[1], unit)}"
    lines.append(f"| `{name}` | {shown(value, unit)} | {target_text} |")
lines.append(END)

with open(readme, encoding="utf-8") as f:
    text = f.read()
start, end = text.find(START), text.find(END)
if start < 0 or end < start:
    fail(f"{readme} has no {START} … {END} markers to write the table between")
updated = text[:start] + "\n".join(lines) + text[end + len(END):]
temporary = readme + ".tmp"
with open(temporary, "w", encoding="utf-8") as f:
    f.write(updated)
os.replace(temporary, readme)
print(f"bench-readme: wrote {len(rows)} figures into {readme}")
PY

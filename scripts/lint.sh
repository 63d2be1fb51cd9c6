#!/usr/bin/env bash
# Static checks for everything that is not C#: shell scripts (shellcheck), the compose file
# (docker-compose config), YAML (yamllint), JSON (the Grafana dashboard) and the Dockerfile (hadolint when
# installed, else the grep rules below). No Docker engine is needed.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/lint.sh [--allow-missing] [--help]

Runs, from the repository root:
  shellcheck     install.sh, scripts/*.sh, docker/*.sh and .ci/run (when present)
  docker-compose docker-compose -f docker/docker-compose.yml config -q (validates without an engine)
  yamllint       .yamllint, docker/**/*.yml with the repository's .yamllint settings
  json           docker/grafana/dashboards/*.json parse (python3)
  dashboard      the Grafana dashboard charts every metric in host/PatCode.Core/Diagnostics/InstrumentNames.cs by
                 its exact Prometheus name, and queries no other patcode_* name
  promtool       (optional, when installed) prometheus.yml and every dashboard query parse
  Dockerfile     hadolint when installed; otherwise grep rules: pinned base images, a non-root USER,
                 a HEALTHCHECK, multi-stage, no ADD of URLs, no sudo, apt-get hygiene

  --allow-missing  skip a check whose tool is not installed (with a warning) instead of failing
  --help, -h       this text

Tools (Debian packages): shellcheck, docker-compose, yamllint, python3.
Exit codes: 0 all checks passed, 1 a check failed or a tool is missing, 2 bad usage.
TXT
}

allow_missing=0
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-missing) allow_missing=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "lint: error: unknown flag '$1' (see --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"
failures=0

fail() { echo "lint: FAIL $*" >&2; failures=$((failures + 1)); }
pass() { echo "lint: ok   $*"; }

have() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$allow_missing" -eq 1 ]; then
    echo "lint: skip $2 ($1 is not installed; apt-get install $3)" >&2
  else
    fail "$2: $1 is not installed; install it (apt-get install $3) or pass --allow-missing"
  fi
  return 1
}

# Shell scripts.
scripts=()
[ -f install.sh ] && scripts+=(install.sh)
for f in scripts/*.sh docker/*.sh .ci/run; do
  [ -f "$f" ] && scripts+=("$f")
done
if have shellcheck shellcheck shellcheck; then
  if shellcheck -x "${scripts[@]}"; then pass "shellcheck (${#scripts[@]} scripts)"; else fail "shellcheck"; fi
fi

# Compose file.
if have docker-compose "docker-compose config" docker-compose; then
  if docker-compose -f docker/docker-compose.yml config -q; then pass "docker-compose config"; else fail "docker-compose config"; fi
fi

# YAML.
mapfile -t yaml_files < <(find docker -type f \( -name '*.yml' -o -name '*.yaml' \) | LC_ALL=C sort)
yaml_files+=(.yamllint)
if have yamllint yamllint yamllint; then
  if yamllint --strict -c .yamllint "${yaml_files[@]}"; then pass "yamllint (${#yaml_files[@]} files)"; else fail "yamllint"; fi
fi

# JSON.
if have python3 "json" python3; then
  json_ok=1
  for f in docker/grafana/dashboards/*.json; do
    [ -f "$f" ] || continue
    python3 -m json.tool "$f" >/dev/null || { fail "json: $f does not parse"; json_ok=0; }
  done
  [ "$json_ok" -eq 0 ] || pass "json"
fi

# The dashboard must chart every metric the host defines, by its exact Prometheus name: the dotted name with
# '_' for '.', then the unit and type suffixes Prometheus adds (patcode.chain.duration in seconds is
# patcode_chain_duration_seconds_bucket). Every patcode_* name the dashboard queries must be one of them, and
# no query may match names by regex (that hid the move from milliseconds to seconds). Span names (constants
# ending in Span) are not metrics. The end-to-end test checks the same names against a live scrape.
names_file=host/PatCode.Core/Diagnostics/InstrumentNames.cs
dashboard=docker/grafana/dashboards/patcode.json
if [ -f "$names_file" ] && [ -f "$dashboard" ]; then
  names_ok=1
  metrics="$(grep -E 'const string [A-Za-z]+ *= *"' "$names_file" | grep -Ev 'const string [A-Za-z]+(Span|Prefix) ' | sed -E 's/.*= *"([^"]+)".*/\1/')"
  metrics="$metrics
$(grep -E 'const string [A-Za-z]+ *= *PluginMetricPrefix *\+ *"' "$names_file" | sed -E 's/.*\+ *"([^"]+)".*/patcode.plugin.\1/')"
  suffixes='(_seconds)?(_total|_bucket|_sum|_count)?'
  uncovered=""
  while IFS= read -r metric; do
    [ -n "$metric" ] || continue
    grep -Eq "\b${metric//./_}${suffixes}\b" "$dashboard" || uncovered="$uncovered $metric"
  done <<< "$metrics"
  if [ -n "$uncovered" ]; then fail "$dashboard has no panel for:$uncovered"; names_ok=0; fi
  known="$(tr '.' '_' <<< "$metrics" | paste -sd'|' -)"
  stale="$(grep -Eo '\bpatcode_[a-z0-9_]+' "$dashboard" | sort -u | grep -Ev "^(${known})${suffixes}\$" | tr '\n' ' ' || true)"
  if [ -n "$stale" ]; then fail "$dashboard queries metrics the host does not define: $stale"; names_ok=0; fi
  if grep -q '__name__=~' "$dashboard"; then fail "$dashboard matches metric names by regex; use the exact names"; names_ok=0; fi
  [ "$names_ok" -eq 0 ] || pass "dashboard names match $names_file"
fi

# Prometheus config and the dashboard's PromQL, when promtool is installed (Debian package prometheus; optional
# because it is large). Each panel query becomes a recording rule, with Grafana's $__rate_interval set to 5m.
if command -v promtool >/dev/null 2>&1; then
  if promtool check config docker/prometheus/prometheus.yml >/dev/null; then pass "promtool check config"; else fail "promtool check config"; fi
  if command -v python3 >/dev/null 2>&1; then
    rules="$(mktemp "${TMPDIR:-/tmp}/patcode-dashboard-rules.XXXXXX")"
    python3 - "$rules" docker/grafana/dashboards/*.json <<'PY'
import json, sys
out = open(sys.argv[1], "w")
out.write("groups:\n  - name: dashboard\n    rules:\n")
count = 0
for path in sys.argv[2:]:
    for panel in json.load(open(path))["panels"]:
        for target in panel.get("targets", []):
            count += 1
            expr = target["expr"].replace("$__rate_interval", "5m")
            out.write("      - record: dashboard:query%d\n        expr: %s\n" % (count, json.dumps(expr)))
PY
    if promtool_output="$(promtool check rules "$rules" 2>&1)"; then
      pass "promtool: dashboard PromQL"
    else
      echo "$promtool_output" >&2
      fail "promtool: a dashboard query does not parse (see above)"
    fi
    rm -f "$rules"
  fi
else
  echo "lint: skip promtool checks (optional; apt-get install prometheus to enable)"
fi

# Dockerfile.
dockerfile=docker/Dockerfile
if command -v hadolint >/dev/null 2>&1; then
  if hadolint "$dockerfile"; then pass "hadolint"; else fail "hadolint"; fi
else
  before=$failures
  # Instructions with their continuation lines joined, comments dropped.
  instructions="$(sed -e 's/[[:space:]]*#.*$//' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' | grep -v '^[[:space:]]*$')"
  from_lines="$(grep -Ei '^FROM ' <<< "$instructions" || true)"
  [ "$(grep -c . <<< "$from_lines")" -ge 2 ] || fail "$dockerfile: expected a multi-stage build (two or more FROM)"
  stages="$(sed -nE 's/^FROM .* AS ([A-Za-z0-9_-]+).*/\1/Ip' <<< "$from_lines")"
  while IFS= read -r line; do
    image="$(awk '{print $2}' <<< "$line")"
    if grep -qx -- "$image" <<< "$stages"; then continue; fi
    case "$image" in
      *@sha256:*) ;;
      *:latest) fail "$dockerfile: '$image' uses :latest; pin a version" ;;
      *:*) ;;
      *) fail "$dockerfile: '$image' has no tag; pin a version" ;;
    esac
  done <<< "$from_lines"
  last_user="$(grep -Ei '^USER ' <<< "$instructions" | tail -n 1 | awk '{print $2}')"
  case "$last_user" in
    "") fail "$dockerfile: no USER; the image must not run as root" ;;
    root|0|0:*|root:*) fail "$dockerfile: the last USER is root" ;;
  esac
  grep -Eqi '^HEALTHCHECK ' <<< "$instructions" || fail "$dockerfile: no HEALTHCHECK"
  if grep -Eqi '^HEALTHCHECK +NONE' <<< "$instructions"; then fail "$dockerfile: HEALTHCHECK NONE"; fi
  if grep -Eqi '^ADD +(--[^ ]+ +)*https?://' <<< "$instructions"; then fail "$dockerfile: ADD of a URL; download with a checked RUN instead"; fi
  if grep -Eqi '^RUN .*\bsudo\b' <<< "$instructions"; then fail "$dockerfile: sudo in RUN"; fi
  while IFS= read -r line; do
    grep -q -- '--no-install-recommends' <<< "$line" || fail "$dockerfile: apt-get install without --no-install-recommends"
    grep -q 'rm -rf /var/lib/apt/lists' <<< "$line" || fail "$dockerfile: apt-get install without removing /var/lib/apt/lists"
  done < <(grep -Ei '^RUN .*apt-get install' <<< "$instructions" || true)
  if grep -Eqi '^RUN .*\bcd ' <<< "$instructions"; then fail "$dockerfile: 'cd' in RUN; use WORKDIR"; fi
  grep -Eqi 'PublishReadyToRun=true' <<< "$instructions" || fail "$dockerfile: the publish is not ReadyToRun"
  [ "$failures" -ne "$before" ] || pass "Dockerfile rules (hadolint not installed)"
fi

if [ "$failures" -gt 0 ]; then
  echo "lint: $failures check(s) failed" >&2
  exit 1
fi
echo "lint: all checks passed"

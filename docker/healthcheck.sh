#!/usr/bin/env bash
# The patcode container's health check. Healthy means:
#   1. the host starts ('patcode --version');
#   2. it discovers and lists its plugins ('patcode plugins list'; this reads manifests, runs no plugin code);
#   3. when the Prometheus endpoint is configured, the running PatCode answers GET /metrics with 200.
# Uses bash's /dev/tcp so the runtime image needs no curl or wget.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: patcode-healthcheck [--help]

Exits 0 when PatCode is healthy, 1 otherwise (with the reason on stderr). Reads the metrics port from
TELEMETRY_PROMETHEUS_PORT (skipped when unset) and the path from PATCODE_METRICS_PATH (default /metrics).
TXT
}

case "${1:-}" in
  "") ;;
  -h|--help) usage; exit 0 ;;
  *) echo "healthcheck: error: unknown flag '$1' (see --help)" >&2; exit 2 ;;
esac

port="${TELEMETRY_PROMETHEUS_PORT:-}"

# The checks run without the exporters' settings: the running REPL already holds the metrics port, and a health
# check every 30 s must not show up as traffic in Prometheus or Jaeger.
quiet_patcode() {
  env -u TELEMETRY_PROMETHEUS_PORT -u TELEMETRY_PROMETHEUS_HOST -u OTEL_EXPORTER_OTLP_ENDPOINT patcode "$@" >/dev/null 2>&1
}
quiet_patcode --version || { echo "healthcheck: 'patcode --version' failed" >&2; exit 1; }
quiet_patcode plugins list || { echo "healthcheck: 'patcode plugins list' failed" >&2; exit 1; }

if [ -n "$port" ]; then
  path="${PATCODE_METRICS_PATH:-/metrics}"
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo "healthcheck: nothing listens on the metrics port $port" >&2; exit 1; }
  # A server that answers and closes before reading all of the request is judged by its answer, not by EPIPE.
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3 2>/dev/null || true
  status=""
  IFS= read -r -t 5 status <&3 || true
  exec 3<&-
  case "$status" in
    "HTTP/"*" 200"*) ;;
    *) echo "healthcheck: GET $path on port $port answered '${status%$'\r'}' instead of 200" >&2; exit 1 ;;
  esac
fi

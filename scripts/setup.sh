#!/usr/bin/env bash
# Sets up PatCode's compose stack: checks Docker, creates the local folders, builds the image, starts the
# services, pulls the Ollama models and checks that everything answers.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/setup.sh [--models LIST] [--skip-models] [--skip-build] [--timeout SECONDS] [--dry-run] [--yes] [--help]

Builds and starts docker/docker-compose.yml (patcode, ollama, jaeger, prometheus, grafana):
  1. checks that Docker and its compose command work and the engine is reachable;
  2. creates docker/plugins (your plugins), docker/workspace (the code PatCode sees) and docker/.env
     (a random Grafana admin password, mode 0600) when they do not exist;
  3. builds the patcode image and starts the services;
  4. pulls the Ollama models;
  5. waits until patcode and ollama report healthy and Prometheus, Grafana and Jaeger answer.

  --models LIST      comma-separated Ollama models to pull (default: $PATCODE_MODEL, else qwen2.5-coder:7b)
  --skip-models      do not pull models
  --skip-build       start with the images already built
  --timeout SECONDS  how long to wait for the health checks (default: 180)
  --dry-run          print the steps and commands without running them
  --yes, -y          do not ask questions (needed when not on a terminal)
  --help, -h         this text

Afterwards: Grafana http://127.0.0.1:3000, Prometheus http://127.0.0.1:9090, Jaeger http://127.0.0.1:16686,
Ollama http://127.0.0.1:11434; talk to PatCode with: docker compose -p patcode -f docker/docker-compose.yml attach patcode
The compose project is named 'patcode' (volumes patcode_patcode-home, patcode_ollama-models, ...).

Exit codes: 0 success, 1 failure, 2 bad usage.
TXT
}

script=setup
# shellcheck source-path=SCRIPTDIR source=lib/compose-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/compose-ops.sh"
models="${PATCODE_MODEL:-qwen2.5-coder:7b}"
skip_models=0
skip_build=0

while [ $# -gt 0 ]; do
  take_shared_flag "$@"
  if [ "$taken" -gt 0 ]; then shift "$taken"; continue; fi
  case "$1" in
    --models)
      if [ $# -lt 2 ] || [ -z "$2" ]; then bad_usage "--models needs a comma-separated list"; fi
      models="$2"; shift 2 ;;
    --skip-models) skip_models=1; shift ;;
    --skip-build) skip_build=1; shift ;;
    *) bad_usage "unknown flag '$1'" ;;
  esac
done

[ -f "$compose_file" ] || die "$compose_file is missing; run this from a complete PatCode checkout"

# 'docker compose' (the plugin) when present, else the standalone docker-compose.
compose_cmd=()
find_compose() {
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose_cmd=(docker compose -p patcode -f "$compose_file")
  elif command -v docker-compose >/dev/null 2>&1; then
    compose_cmd=(docker-compose -p patcode -f "$compose_file")
  else
    return 1
  fi
}

step() { say "[$1/5] $2"; }

step 1 "checking Docker"
if [ "$dry_run" -eq 1 ]; then
  if command -v docker >/dev/null 2>&1; then say "docker: found"; else say "docker: not found (needed for a real run)"; fi
  find_compose || compose_cmd=(docker compose -p patcode -f "$compose_file")
else
  command -v docker >/dev/null 2>&1 || die "docker is not installed; install Docker Engine (https://docs.docker.com/engine/install/) and run this again"
  find_compose || die "neither 'docker compose' nor 'docker-compose' works; install the Docker compose plugin (https://docs.docker.com/compose/install/)"
  docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (is the daemon running, and may this user use it?); try 'docker info'"
fi

step 2 "creating folders"
for folder in "$repo/docker/plugins" "$repo/docker/workspace"; do
  if [ ! -d "$folder" ]; then run mkdir -p "$folder"; fi
done
env_file="$repo/docker/.env"
if [ ! -f "$env_file" ]; then
  if [ "$dry_run" -eq 1 ]; then
    echo "would write: $env_file with COMPOSE_PROJECT_NAME=patcode and a random GRAFANA_ADMIN_PASSWORD (mode 0600)"
  else
    password="$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
    (umask 077 && printf 'COMPOSE_PROJECT_NAME=patcode\nGRAFANA_ADMIN_PASSWORD=%s\n' "$password" > "$env_file")
    say "wrote $env_file (Grafana admin password; keep it private)"
  fi
fi

step 3 "building and starting the services"
if [ "$skip_build" -eq 0 ]; then
  run "${compose_cmd[@]}" build patcode || die "building the patcode image failed (see the build output above)"
fi
run "${compose_cmd[@]}" up -d || die "starting the services failed; see '${compose_cmd[*]} logs'"

step 4 "pulling Ollama models"
if [ "$skip_models" -eq 1 ]; then
  say "skipped (--skip-models)"
else
  if [ "$dry_run" -eq 0 ] && [ "$assume_yes" -eq 0 ] && [ -t 0 ]; then
    printf 'Pull %s into the ollama volume? Models are several GB. [Y/n] ' "$models"
    read -r answer
    case "$answer" in n|N|no|NO) skip_models=1; say "skipped; pull later with: ${compose_cmd[*]} exec ollama ollama pull <model>" ;; esac
  fi
  if [ "$skip_models" -eq 0 ]; then
    IFS=',' read -r -a model_list <<< "$models"
    for model in "${model_list[@]}"; do
      model="${model// /}"
      [ -n "$model" ] || continue
      say "pulling $model"
      run "${compose_cmd[@]}" exec -T ollama ollama pull "$model" || die "pulling '$model' failed; check the name at https://ollama.com/library and the network"
    done
  fi
fi

step 5 "health checks"
# Waits until a check passes or the shared deadline passes.
deadline=$((SECONDS + timeout))
wait_for() {
  local what="$1"; shift
  if [ "$dry_run" -eq 1 ]; then echo "would wait for: $what"; return 0; fi
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what is not healthy after ${timeout}s; see '${compose_cmd[*]} logs' and docs/troubleshooting.md"
    sleep 3
  done
  say "$what: ok"
}

container_healthy() {
  local id
  id="$("${compose_cmd[@]}" ps -q "$1")"
  [ -n "$id" ] && [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ]
}

http_ok() {
  if command -v curl >/dev/null 2>&1; then curl -fsS -o /dev/null --max-time 5 "$1"
  else wget -q -O /dev/null -T 5 "$1"
  fi
}

if [ "$dry_run" -eq 0 ] && ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
  die "the health checks need curl or wget; install one (e.g. apt-get install curl)"
fi
wait_for "ollama" container_healthy ollama
wait_for "patcode" container_healthy patcode
wait_for "prometheus" http_ok "http://127.0.0.1:${PROMETHEUS_PORT:-9090}/-/healthy"
wait_for "grafana" http_ok "http://127.0.0.1:${GRAFANA_PORT:-3000}/api/health"
wait_for "jaeger" http_ok "http://127.0.0.1:${JAEGER_UI_PORT:-16686}/"

if [ "$dry_run" -eq 1 ]; then
  say "dry run: nothing was changed"
else
  say "PatCode is up. Attach: ${compose_cmd[*]} attach patcode (detach with Ctrl-P Ctrl-Q)"
  say "Grafana http://127.0.0.1:${GRAFANA_PORT:-3000} (admin password in docker/.env), Jaeger http://127.0.0.1:${JAEGER_UI_PORT:-16686}"
fi

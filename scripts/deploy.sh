#!/usr/bin/env bash
# Rolls out a new PatCode image to the compose stack: checks the git branch, runs the tests, builds
# without cache, recreates the patcode service and waits for its health check. When the new container
# does not become healthy, the previous image is put back.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/deploy.sh [--branch NAME] [--allow-dirty] [--skip-tests] [--timeout SECONDS] [--dry-run] [--yes] [--help]

  1. checks that the checkout is on the release branch and has no uncommitted changes;
  2. runs the test suite (scripts/test.sh);
  3. builds the patcode image with --no-cache --pull, keeping the current image as patcode:rollback;
  4. starts the other services if needed and recreates patcode;
  5. waits for patcode's health check; if it fails, puts the previous image back and exits 1.
Back up first (scripts/backup.sh) when the new version may change the state files.

  --branch NAME      the branch deployments are made from (default: $PATCODE_DEPLOY_BRANCH, else main)
  --allow-dirty      deploy even with uncommitted changes
  --skip-tests       do not run scripts/test.sh (emergencies only)
  --timeout SECONDS  how long to wait for the health check (default: 180)
  --dry-run          check the branch and print the commands without running them
  --yes, -y          do not ask before rolling out (needed when not on a terminal)
  --help, -h         this text

Exit codes: 0 deployed, 1 failure (nothing rolled out, or rolled back), 2 bad usage.
TXT
}

script=deploy
# shellcheck source-path=SCRIPTDIR source=lib/compose-ops.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/compose-ops.sh"
branch="${PATCODE_DEPLOY_BRANCH:-main}"
allow_dirty=0
skip_tests=0

while [ $# -gt 0 ]; do
  take_shared_flag "$@"
  if [ "$taken" -gt 0 ]; then shift "$taken"; continue; fi
  case "$1" in
    --branch)
      if [ $# -lt 2 ] || [ -z "$2" ]; then bad_usage "--branch needs a name"; fi
      branch="$2"; shift 2 ;;
    --allow-dirty) allow_dirty=1; shift ;;
    --skip-tests) skip_tests=1; shift ;;
    *) bad_usage "unknown flag '$1'" ;;
  esac
done

# 1. Git: the right branch, nothing uncommitted.
command -v git >/dev/null 2>&1 || die "git is not installed"
git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "$repo is not a git checkout; deploy from a clone of the repository"
current="$(git -C "$repo" symbolic-ref --quiet --short HEAD || echo "(detached HEAD)")"
[ "$current" = "$branch" ] || die "the checkout is on '$current', deployments come from '$branch'; run 'git checkout $branch' or pass --branch"
if [ -n "$(git -C "$repo" status --porcelain)" ]; then
  [ "$allow_dirty" -eq 1 ] || die "the checkout has uncommitted changes; commit or stash them, or pass --allow-dirty"
  say "warning: deploying with uncommitted changes (--allow-dirty)"
fi
commit="$(git -C "$repo" rev-parse --short HEAD)"
say "deploying $branch at $commit"

# 2. Tests.
if [ "$skip_tests" -eq 1 ]; then
  say "warning: tests skipped (--skip-tests)"
else
  [ -f "$repo/scripts/test.sh" ] || die "scripts/test.sh is missing; it runs the test suite before a deployment"
  if [ "$dry_run" -eq 1 ]; then
    echo "would run: bash $repo/scripts/test.sh"
  else
    say "running the tests (scripts/test.sh)"
    bash "$repo/scripts/test.sh" || die "the tests failed; nothing was rolled out"
  fi
fi

# 3-5 need the Docker engine.
compose_cmd=()
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose -p patcode -f "$compose_file")
elif command -v docker-compose >/dev/null 2>&1; then
  compose_cmd=(docker-compose -p patcode -f "$compose_file")
elif [ "$dry_run" -eq 1 ]; then
  compose_cmd=(docker compose -p patcode -f "$compose_file")
else
  die "neither 'docker compose' nor 'docker-compose' works; install Docker with the compose plugin"
fi
if [ "$dry_run" -eq 0 ]; then
  docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (is the daemon running?); try 'docker info'"
fi

image="patcode:${PATCODE_IMAGE_TAG:-local}"
rollback="patcode:rollback"
has_rollback=0
if [ "$dry_run" -eq 0 ] && docker image inspect "$image" >/dev/null 2>&1; then
  docker image tag "$image" "$rollback"
  has_rollback=1
fi

if [ "$dry_run" -eq 0 ] && [ "$assume_yes" -eq 0 ]; then
  [ -t 0 ] || die "rolling out needs confirmation; pass --yes"
  printf 'Build and roll out %s (%s)? [y/N] ' "$image" "$commit"
  read -r answer
  case "$answer" in y|Y|yes|YES) ;; *) say "cancelled; nothing was rolled out"; exit 1 ;; esac
fi

say "building $image without cache"
run "${compose_cmd[@]}" build --no-cache --pull patcode || die "the image build failed; nothing was rolled out"

say "rolling out"
run "${compose_cmd[@]}" up -d --no-recreate ollama jaeger prometheus grafana || die "starting the supporting services failed"
run "${compose_cmd[@]}" up -d --no-deps --force-recreate patcode || die "recreating patcode failed"

healthy() {
  local id
  id="$("${compose_cmd[@]}" ps -q patcode)"
  [ -n "$id" ] && [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ]
}

if [ "$dry_run" -eq 1 ]; then
  echo "would wait up to ${timeout}s for patcode's health check"
  say "dry run: nothing was changed"
  exit 0
fi

deadline=$((SECONDS + timeout))
until healthy 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    "${compose_cmd[@]}" logs --tail 40 patcode >&2 || true
    if [ "$has_rollback" -eq 1 ]; then
      docker image tag "$rollback" "$image"
      "${compose_cmd[@]}" up -d --no-deps --force-recreate patcode >&2 || true
      die "patcode did not become healthy within ${timeout}s; the previous image was put back (logs above)"
    fi
    die "patcode did not become healthy within ${timeout}s and there is no previous image to go back to (logs above)"
  fi
  sleep 3
done
say "patcode is healthy; deployed $branch at $commit"

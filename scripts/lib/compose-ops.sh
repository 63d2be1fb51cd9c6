# shellcheck shell=bash
# What setup.sh and deploy.sh share, sourced by both: their messages, the flags both take (--timeout,
# --dry-run, --yes, --help) and running a command unless it is a dry run.
# Before sourcing, the caller sets `script` (its name in messages) and defines usage().

die() { echo "$script: error: $*" >&2; exit 1; }
bad_usage() { echo "$script: error: $* (see --help)" >&2; exit 2; }
say() { echo "$script: $*"; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
compose_file="$repo/docker/docker-compose.yml"
timeout=180
dry_run=0
assume_yes=0

# Takes one shared flag from the front of "$@"; sets `taken` to the words it used, 0 when the flag is not shared.
take_shared_flag() {
  taken=1
  case "$1" in
    --timeout)
      [ $# -ge 2 ] || bad_usage "--timeout needs a number of seconds"
      [[ "$2" =~ ^[1-9][0-9]*$ ]] || bad_usage "--timeout needs a positive whole number of seconds, not '$2'"
      timeout="$2"; taken=2 ;;
    --dry-run) dry_run=1 ;;
    --yes|-y) assume_yes=1 ;;
    -h|--help) usage; exit 0 ;;
    *) taken=0 ;;
  esac
}

run() {
  if [ "$dry_run" -eq 1 ]; then echo "would run: $*"; else "$@"; fi
}

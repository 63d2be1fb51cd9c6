#!/usr/bin/env bash
# Backs up PatCode's state into one compressed, timestamped archive with a manifest and SHA-256 sums.
# The cache database is copied with SQLite's online backup: a plain copy of a live WAL database can miss
# committed transactions that still sit in cache.db-wal, or catch the file half-written.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/backup.sh [--home DIR] [--output DIR] [--keep N] [--sqlite-tool auto|sqlite3|python3] [--quiet] [--help]

Saves PatCode's state into OUTPUT/patcode-backup-<UTC timestamp>.tar.gz (mode 0600):
  history/       conversation history
  cache.db       the response cache, taken with SQLite's online backup (never a file copy)
  plugins.json   enabled plugins and their trust records
  config.json    the configuration
  plugins/       the user's plugins
  logs/          the log files
plus manifest.json (what was saved, when, from where) and SHA256SUMS. Restore with scripts/restore.sh.
PatCode may keep running while the backup is taken.

  --home DIR          PatCode's state folder (default: $PATCODE_HOME, else ~/.patcode)
  --output DIR        where the archive goes (default: ~/patcode-backups)
  --keep N            afterwards, keep only the newest N archives in OUTPUT (default: keep all)
  --sqlite-tool TOOL  how to copy cache.db: sqlite3 (the CLI), python3 (its sqlite3 backup API),
                      or auto = sqlite3 when installed, else python3 (default: auto)
  --quiet             print only the archive's path
  --help              this text

Exit codes: 0 success, 1 failure, 2 bad usage.
TXT
}

die() { echo "backup: error: $*" >&2; exit 1; }
bad_usage() { echo "backup: error: $* (see --help)" >&2; exit 2; }

home="${PATCODE_HOME:-${HOME:-}/.patcode}"
output="${HOME:-.}/patcode-backups"
keep=""
sqlite_tool="auto"
quiet=0

while [ $# -gt 0 ]; do
  case "$1" in
    --home) [ $# -ge 2 ] || bad_usage "--home needs a folder"; home="$2"; shift 2 ;;
    --output) [ $# -ge 2 ] || bad_usage "--output needs a folder"; output="$2"; shift 2 ;;
    --keep)
      [ $# -ge 2 ] || bad_usage "--keep needs a number"
      [[ "$2" =~ ^[1-9][0-9]*$ ]] || bad_usage "--keep needs a positive whole number, not '$2'"
      keep="$2"; shift 2 ;;
    --sqlite-tool)
      [ $# -ge 2 ] || bad_usage "--sqlite-tool needs auto, sqlite3 or python3"
      case "$2" in auto|sqlite3|python3) sqlite_tool="$2" ;; *) bad_usage "--sqlite-tool must be auto, sqlite3 or python3, not '$2'" ;; esac
      shift 2 ;;
    --quiet) quiet=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown flag '$1'" ;;
  esac
done

say() { [ "$quiet" -eq 1 ] || echo "$@"; }

[ -d "$home" ] || die "PatCode's state folder '$home' does not exist; pass --home DIR or set PATCODE_HOME"
home="$(cd "$home" && pwd -P)"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$@"
  else die "neither sha256sum nor shasum is installed; install coreutils"
  fi
}

json_string() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\n'/\\n}"; s="${s//$'\t'/\\t}"; s="${s//$'\r'/\\r}"
  printf '"%s"' "$s"
}

# Copies a live SQLite database with the online backup API, then checks the copy.
sqlite_online_backup() {
  local source="$1" destination="$2" tool="$sqlite_tool"
  if [ "$tool" = auto ]; then
    if command -v sqlite3 >/dev/null 2>&1; then tool=sqlite3
    elif command -v python3 >/dev/null 2>&1; then tool=python3
    else die "cache.db needs SQLite's online backup, but neither sqlite3 nor python3 is installed; install one (e.g. apt-get install sqlite3)"
    fi
  fi
  command -v "$tool" >/dev/null 2>&1 || die "--sqlite-tool $tool: '$tool' is not installed"
  case "$tool" in
    sqlite3)
      # The destination is named relative to its folder so no path needs quoting inside a dot-command.
      (cd "$(dirname "$destination")" && sqlite3 -bail "$source" ".timeout 15000" ".backup '$(basename "$destination")'") \
        || die "SQLite's online backup of $source failed (is the disk full, or the database corrupt?)"
      ;;
    python3)
      python3 - "$source" "$destination" <<'PY' || die "SQLite's online backup of $source failed (is the disk full, or the database corrupt?)"
import sqlite3, sys
source = sqlite3.connect(sys.argv[1], timeout=15)
destination = sqlite3.connect(sys.argv[2])
with destination:
    source.backup(destination)
destination.close()
source.close()
PY
      ;;
  esac
  local verdict
  case "$tool" in
    sqlite3) verdict="$(sqlite3 "$destination" "PRAGMA integrity_check;" 2>&1 || true)" ;;
    python3) verdict="$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join(r[0] for r in c.execute("PRAGMA integrity_check")))' "$destination" 2>&1 || true)" ;;
  esac
  [ "$verdict" = ok ] || die "the copy of $source fails SQLite's integrity check: $verdict"
  rm -f "$destination-wal" "$destination-shm" "$destination-journal"
  sqlite_used="$tool"
}

umask 077
mkdir -p "$output" || die "cannot create the output folder '$output'"
output="$(cd "$output" && pwd -P)"
case "$output/" in "$home"/*) die "the output folder '$output' is inside '$home'; choose a folder outside PatCode's state" ;; esac

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="patcode-backup-$stamp"
# Names sort by time, which --keep relies on: a second backup within the same second waits for the next one.
tries=0
while [ -e "$output/$name.tar.gz" ]; do
  tries=$((tries + 1))
  [ "$tries" -le 5 ] || die "$output/$name.tar.gz already exists"
  sleep 1
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  name="patcode-backup-$stamp"
done
archive="$output/$name.tar.gz"

stage="$(mktemp -d "${TMPDIR:-/tmp}/patcode-backup.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
data="$root/data"
mkdir -p "$data"

sqlite_used="none"
included=()
missing=()

# Folders and plain files: symlinks are followed, so the archive holds only regular files and folders.
for item in history plugins logs plugins.json config.json; do
  if [ -e "$home/$item" ]; then
    cp -RL "$home/$item" "$data/$item" || die "cannot copy $home/$item"
    included+=("$item")
  else
    missing+=("$item")
  fi
done

if [ -f "$home/cache.db" ]; then
  sqlite_online_backup "$home/cache.db" "$data/cache.db"
  included+=("cache.db")
else
  missing+=("cache.db")
fi

file_count="$(find "$data" -type f | wc -l | tr -d ' ')"
{
  echo "{"
  echo "  \"format\": \"patcode-backup\","
  echo "  \"formatVersion\": 1,"
  echo "  \"createdAt\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"source\": $(json_string "$home"),"
  echo "  \"host\": $(json_string "$(uname -n)"),"
  echo "  \"sqliteBackupTool\": \"$sqlite_used\","
  echo "  \"fileCount\": $file_count,"
  printf '  "included": ['
  sep=""; for i in "${included[@]+"${included[@]}"}"; do printf '%s%s' "$sep" "$(json_string "$i")"; sep=", "; done
  echo "],"
  printf '  "missing": ['
  sep=""; for i in "${missing[@]+"${missing[@]}"}"; do printf '%s%s' "$sep" "$(json_string "$i")"; sep=", "; done
  echo "]"
  echo "}"
} > "$root/manifest.json"

# SHA256SUMS covers the manifest and every data file, so restore.sh can tell any change apart.
(cd "$root" && { echo manifest.json; find data -type f | LC_ALL=C sort; } | while IFS= read -r f; do sha256_of "$f"; done > SHA256SUMS) \
  || die "cannot compute the checksums"

# Written under a temporary name, then renamed: a half-written archive never carries the final name.
tar -C "$stage" -czf "$archive.partial" "$name" || { rm -f "$archive.partial"; die "cannot write $archive"; }
chmod 600 "$archive.partial"
mv "$archive.partial" "$archive"

say "backed up ${included[*]:-nothing} from $home"
[ ${#missing[@]} -eq 0 ] || say "not present, so not saved: ${missing[*]}"
say "archive: $archive"
[ "$quiet" -eq 0 ] || echo "$archive"

if [ -n "$keep" ]; then
  # A read loop rather than mapfile: macOS still ships bash 3.2.
  find "$output" -maxdepth 1 -type f -name 'patcode-backup-*.tar.gz' | LC_ALL=C sort -r | tail -n +"$((keep + 1))" |
    while IFS= read -r f; do rm -f "$f"; say "removed old backup $f"; done
fi

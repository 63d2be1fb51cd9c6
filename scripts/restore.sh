#!/usr/bin/env bash
# Restores PatCode's state from an archive made by scripts/backup.sh. The archive is verified completely
# (layout, manifest, SHA-256 sums, SQLite integrity) before anything is touched; then the new state is
# built beside the old one and swapped in by renaming, so a failure leaves the current state as it was.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: scripts/restore.sh [--home DIR] [--dry-run] [--yes] [--help] ARCHIVE

Verifies ARCHIVE (made by scripts/backup.sh), then replaces PatCode's state folder with its contents.
Verification, before anything is changed:
  - every entry is a plain file or folder inside the archive's one top folder (no links, no '..');
  - manifest.json says it is a PatCode backup this script understands;
  - every file matches SHA256SUMS, and no file is missing from it;
  - cache.db passes SQLite's PRAGMA integrity_check.
The current state folder is kept as <home>.pre-restore-<UTC timestamp>; delete it once you are happy.
Stop PatCode (and the patcode container) before restoring: a running PatCode would keep the old files open.

  --home DIR   PatCode's state folder to restore into (default: $PATCODE_HOME, else ~/.patcode)
  --dry-run    verify the archive and say what would happen; change nothing
  --yes        do not ask before replacing an existing state folder (needed when not on a terminal)
  --help       this text

Exit codes: 0 success (or a dry run that verified), 1 verification or restore failed, 2 bad usage.
TXT
}

die() { echo "restore: error: $*" >&2; exit 1; }
refuse() { echo "restore: refused: $* - nothing was changed" >&2; exit 1; }
bad_usage() { echo "restore: error: $* (see --help)" >&2; exit 2; }

home="${PATCODE_HOME:-${HOME:-}/.patcode}"
dry_run=0
assume_yes=0
archive=""

while [ $# -gt 0 ]; do
  case "$1" in
    --home) [ $# -ge 2 ] || bad_usage "--home needs a folder"; home="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --yes|-y) assume_yes=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; [ $# -eq 1 ] || bad_usage "expected one archive after --"; archive="$1"; shift ;;
    -*) bad_usage "unknown flag '$1'" ;;
    *) [ -z "$archive" ] || bad_usage "expected one archive, got '$archive' and '$1'"; archive="$1"; shift ;;
  esac
done

[ -n "$archive" ] || bad_usage "which archive? pass the path of a patcode-backup-*.tar.gz"
[ -f "$archive" ] || die "archive '$archive' does not exist"
[ -r "$archive" ] || die "archive '$archive' is not readable"
[ -n "$home" ] || bad_usage "no state folder: pass --home DIR or set PATCODE_HOME"

say() { echo "restore: $*"; }

sha256_check() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum --check --strict --quiet SHA256SUMS
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 --check --strict --quiet SHA256SUMS
  else die "neither sha256sum nor shasum is installed; install coreutils"
  fi
}

sqlite_integrity() {
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 -readonly "$1" "PRAGMA integrity_check;" 2>&1 || true
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True); print("\n".join(r[0] for r in c.execute("PRAGMA integrity_check")))' "$1" 2>&1 || true
  else
    die "cannot check cache.db: neither sqlite3 nor python3 is installed; install one (e.g. apt-get install sqlite3)"
  fi
}

umask 077
work="$(mktemp -d "${TMPDIR:-/tmp}/patcode-restore.XXXXXX")"
staging=""
trap 'rm -rf "$work"; if [ -n "$staging" ]; then rm -rf "$staging"; fi' EXIT

# 1. Layout: read the listing before extracting anything.
listing="$work/listing"
tar -tvzf "$archive" > "$listing" 2>"$work/tar.err" || refuse "'$archive' is not a readable .tar.gz ($(head -n 1 "$work/tar.err"))"
names="$work/names"
tar -tzf "$archive" > "$names" 2>/dev/null || refuse "'$archive' is not a readable .tar.gz"
[ -s "$names" ] || refuse "'$archive' is empty"
if grep -qv '^[-d]' "$listing"; then
  refuse "'$archive' holds links or special files ($(grep -v '^[-d]' "$listing" | head -n 1 | awk '{print $NF}')); a PatCode backup holds only files and folders"
fi
top="$(head -n 1 "$names")"; top="${top%%/*}"
[[ "$top" =~ ^patcode-backup-[0-9TZ-]+$ ]] || refuse "'$archive' is not a PatCode backup (its top folder is '$top')"
while IFS= read -r entry; do
  case "$entry" in
    "$top"|"$top"/*) ;;
    *) refuse "'$archive' has an entry outside '$top': $entry" ;;
  esac
  case "/$entry/" in
    */../*|*/./*) refuse "'$archive' has an unsafe entry: $entry" ;;
  esac
done < "$names"

# 2. Extract into a private scratch folder and check the manifest and the sums.
mkdir "$work/x"
tar -xzf "$archive" -C "$work/x" --no-same-owner 2>"$work/tar.err" || refuse "cannot extract '$archive' ($(head -n 1 "$work/tar.err"))"
root="$work/x/$top"
[ -f "$root/manifest.json" ] || refuse "'$archive' has no manifest.json"
[ -f "$root/SHA256SUMS" ] || refuse "'$archive' has no SHA256SUMS"
[ -d "$root/data" ] || refuse "'$archive' has no data folder"
grep -Eq '"format": *"patcode-backup"' "$root/manifest.json" || refuse "manifest.json does not describe a PatCode backup"
grep -Eq '"formatVersion": *1[,}[:space:]]' "$root/manifest.json" || refuse "manifest.json has a format version this script does not know; use the restore.sh of the PatCode that made it"

(cd "$root" && sha256_check) >"$work/sums.err" 2>&1 || refuse "checksums do not match, the archive was changed or damaged: $(head -n 3 "$work/sums.err" | tr '\n' ' ')"
listed="$work/listed"
sed -E 's/^[0-9a-f]{64}  //' "$root/SHA256SUMS" | LC_ALL=C sort > "$listed"
actual="$work/actual"
(cd "$root" && find . -type f ! -path ./SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort) > "$actual"
extra="$(LC_ALL=C comm -13 "$listed" "$actual" | head -n 1)"
[ -z "$extra" ] || refuse "'$extra' is in the archive but not in SHA256SUMS"
grep -qx 'manifest.json' "$listed" || refuse "SHA256SUMS does not cover manifest.json"

included="$(sed -n 's/.*"included": *\[\(.*\)\].*/\1/p' "$root/manifest.json" | tr -d '" ' | tr ',' ' ')"
for item in $included; do
  [ -e "$root/data/$item" ] || refuse "manifest.json lists '$item' but the archive does not hold it"
done

# 3. The cache database must be sound before it replaces anything.
if [ -f "$root/data/cache.db" ]; then
  # Checked on a copy: opening a WAL database leaves -wal/-shm files beside it, which must not be restored.
  mkdir "$work/check"
  cp "$root/data/cache.db" "$work/check/cache.db"
  verdict="$(sqlite_integrity "$work/check/cache.db")"
  [ "$verdict" = ok ] || refuse "cache.db in the archive fails SQLite's integrity check: $(echo "$verdict" | head -n 3 | tr '\n' ' ')"
fi

say "verified $archive (${included:-no items})"

# Restore into the real folder when the state folder is a symlink, so the link stays.
if [ -L "$home" ]; then
  home="$(readlink -f "$home")"
fi
home="${home%/}"
parent="$(dirname "$home")"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
previous="$home.pre-restore-$stamp"
has_current=0
if [ -e "$home" ] && [ -n "$(ls -A "$home" 2>/dev/null)" ]; then has_current=1; fi

if [ "$dry_run" -eq 1 ]; then
  say "dry run: would restore ${included:-nothing} into $home"
  [ "$has_current" -eq 0 ] || say "dry run: the current $home would be kept as $previous"
  exit 0
fi

if [ "$has_current" -eq 1 ] && [ "$assume_yes" -eq 0 ]; then
  if [ -t 0 ]; then
    printf 'Replace %s with the backup? The current state is kept as %s. [y/N] ' "$home" "$previous"
    read -r answer
    case "$answer" in y|Y|yes|YES) ;; *) echo "restore: cancelled - nothing was changed"; exit 1 ;; esac
  else
    die "$home already holds PatCode state; pass --yes to replace it (it is kept as $previous)"
  fi
fi

# 4. Build the new state beside the old one (same file system, so the swap is two renames).
mkdir -p "$parent" || die "cannot create $parent"
staging="$(mktemp -d "$parent/.patcode-restore.XXXXXX")" || die "cannot create a staging folder in $parent"
cp -R "$root/data/." "$staging/" || die "cannot copy the backup into $staging (disk full?) - nothing was changed"
chmod -R go-rwx "$staging"
chmod 700 "$staging"

if [ -d "$home" ] && [ "$has_current" -eq 0 ]; then
  rmdir "$home" 2>/dev/null || true
fi
if [ -e "$home" ]; then
  mv "$home" "$previous" || die "cannot move the current $home aside - nothing was changed"
fi
if ! mv "$staging" "$home"; then
  if [ -e "$previous" ]; then mv "$previous" "$home" || true; fi
  die "cannot move the restored state into $home; the previous state was put back"
fi
staging=""

say "restored ${included:-nothing} into $home"
[ ! -e "$previous" ] || say "the previous state is in $previous (delete it when you no longer need it)"

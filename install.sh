#!/usr/bin/env bash
# Installs PatCode from this checkout: a local install (published host + built-in plugins, linked into a
# bin folder), or the Docker compose stack. Never downloads anything behind the user's back.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: ./install.sh [--local | --docker | --uninstall] [--prefix DIR] [--yes] [--help]

  --local        publish PatCode (host + built-in plugins) into PREFIX/share/patcode and link
                 PREFIX/bin/patcode to it; running it again upgrades in place (idempotent)
  --docker       build and start the compose stack (patcode, ollama, jaeger, prometheus, grafana)
                 through scripts/setup.sh; needs Docker with the compose plugin
  --uninstall    remove PREFIX/share/patcode and the PREFIX/bin/patcode link; your state in
                 $PATCODE_HOME (default ~/.patcode) is kept
  --prefix DIR   install below DIR instead of ~/.local (share/patcode and bin/ go under it)
  --yes, -y      do not ask questions (needed when not on a terminal)
  --help, -h     this text

Without --local, --docker or --uninstall the script asks which one you want.
The local install needs the .NET 10 SDK; this script checks for it and says how to get it,
but never downloads it for you.

Exit codes: 0 success, 1 failure, 2 bad usage.
TXT
}

die() { echo "install: error: $*" >&2; exit 1; }
bad_usage() { echo "install: error: $* (see --help)" >&2; exit 2; }
say() { echo "install: $*"; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
mode=""
prefix="${HOME:-}/.local"
assume_yes=0

set_mode() {
  [ -z "$mode" ] || [ "$mode" = "$1" ] || bad_usage "choose one of --local, --docker and --uninstall, not both --$mode and --$1"
  mode="$1"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --local) set_mode local; shift ;;
    --docker) set_mode docker; shift ;;
    --uninstall) set_mode uninstall; shift ;;
    --prefix)
      if [ $# -lt 2 ] || [ -z "$2" ]; then bad_usage "--prefix needs a folder"; fi
      prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; [ -n "$prefix" ] || bad_usage "--prefix needs a folder"; shift ;;
    --yes|-y) assume_yes=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown flag '$1'" ;;
  esac
done

[ -n "$prefix" ] || die "cannot tell where to install: HOME is not set; pass --prefix DIR"
# The link must hold an absolute path, so a relative --prefix is resolved against the current folder.
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
prefix="${prefix%/}"

# OS and architecture decide the runtime identifier; anything else is refused rather than guessed.
os_name="$(uname -s)"
case "$os_name" in
  Linux) os=linux ;;
  Darwin) os=osx ;;
  *) die "unsupported operating system '$os_name'; PatCode installs on Linux and macOS (on Windows use WSL)" ;;
esac
machine="$(uname -m)"
case "$machine" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) die "unsupported architecture '$machine'; PatCode installs on x86_64 and arm64" ;;
esac

confirm() {
  [ "$assume_yes" -eq 0 ] || return 0
  [ -t 0 ] || die "$1 needs confirmation; run again with --yes to proceed without questions"
  printf '%s [y/N] ' "$1"
  local answer
  read -r answer
  case "$answer" in y|Y|yes|YES) return 0 ;; *) echo "install: cancelled"; exit 1 ;; esac
}

if [ -z "$mode" ]; then
  if [ "$assume_yes" -eq 1 ] || [ ! -t 0 ]; then bad_usage "choose what to do: --local, --docker or --uninstall"; fi
  echo "PatCode on $os-$arch. Install how?"
  echo "  1) local  - publish into $prefix/share/patcode and link $prefix/bin/patcode (needs the .NET 10 SDK)"
  echo "  2) docker - build and start the compose stack (needs Docker)"
  printf 'Choice [1/2]: '
  read -r choice
  case "$choice" in
    1|local) mode=local ;;
    2|docker) mode=docker ;;
    *) bad_usage "unknown choice '$choice'" ;;
  esac
  assume_yes=1 # the choice was the confirmation
fi

share="$prefix/share/patcode"
bin="$prefix/bin"
link="$bin/patcode"

require_dotnet_sdk() {
  local how="Install the .NET 10 SDK from https://dotnet.microsoft.com/download/dotnet/10.0"
  case "$os" in
    linux) how="$how (or your distribution's package, e.g. 'sudo apt-get install dotnet-sdk-10.0' where Microsoft's feed is set up)" ;;
    osx) how="$how (or 'brew install --cask dotnet-sdk')" ;;
  esac
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed (dotnet is not on PATH). $how, then run this again."
  local sdks
  sdks="$(dotnet --list-sdks 2>/dev/null || true)"
  echo "$sdks" | grep -Eq '^10\.' || die "the .NET 10 SDK is missing (found: $(echo "$sdks" | awk '{print $1}' | tr '\n' ' ')). $how, then run this again."
}

# Our link is a symlink into $share; anything else at that path belongs to someone else.
link_is_ours() {
  [ -L "$link" ] || return 1
  local target
  target="$(readlink "$link")"
  [ "$target" = "$share/patcode" ]
}

# Whatever happens (failure, Ctrl-C), no staging folder stays behind, and an old install that was moved aside
# goes back into place if the new one never got there.
staging=""
remove_staging() {
  [ -n "$staging" ] || return 0
  if [ -d "$staging.old" ] && [ ! -e "$share" ]; then mv "$staging.old" "$share" || true; fi
  rm -rf "$staging" "$staging.old" "$staging.log"
}

install_local() {
  require_dotnet_sdk
  [ -f "$repo/host/PatCode.Cli/PatCode.Cli.csproj" ] || die "host/PatCode.Cli/PatCode.Cli.csproj is missing in $repo; run install.sh from a complete PatCode checkout"
  if [ -e "$link" ] || [ -L "$link" ]; then
    link_is_ours || die "$link already exists and is not PatCode's link; move it away or choose another --prefix"
  fi
  confirm "Install PatCode into $share and link $link?"

  mkdir -p "$prefix/share" "$bin" || die "cannot create $prefix/share or $bin (permissions?)"
  staging="$(mktemp -d "$prefix/share/.patcode-install.XXXXXX")" || die "cannot create a staging folder in $prefix/share"
  trap remove_staging EXIT

  say "publishing host/PatCode.Cli (Release, $os-$arch) - this takes a minute"
  local log="$staging.log"
  if ! dotnet publish "$repo/host/PatCode.Cli/PatCode.Cli.csproj" -c Release -o "$staging/app" --nologo >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    die "dotnet publish failed (last lines above); fix the build and run again - nothing was installed"
  fi
  rm -f "$log"
  [ -x "$staging/app/patcode" ] || die "the published folder has no 'patcode' executable; nothing was installed"
  [ -d "$staging/app/plugins" ] || die "the published folder has no plugins/ folder (built-in plugins missing); nothing was installed"
  [ -x "$staging/app/patcode-plugin-worker" ] || die "the published folder has no 'patcode-plugin-worker' executable (plugins from your folder run in it); nothing was installed"
  "$staging/app/patcode" --version >/dev/null 2>&1 || die "the freshly published patcode does not start ('patcode --version' failed); nothing was installed"
  # With a C compiler the publish adds the native front end: 'patcode' answers --version and 'plugins list' itself and
  # hands every other command to the managed 'patcode-host'.
  if [ -e "$staging/app/patcode-host" ]; then
    "$staging/app/patcode-host" --version >/dev/null 2>&1 || die "the freshly published patcode-host does not start ('patcode-host --version' failed); nothing was installed"
  else
    say "note: no C compiler (clang or gcc) found, so 'patcode plugins list' and 'patcode --version' start the .NET runtime (about 0.1 s more); install clang or gcc and run install.sh again for the native front end"
  fi

  # Swap: the old version stays usable until the new one is in place.
  if [ -d "$share" ]; then
    mv "$share" "$staging.old" || die "cannot move the previous install at $share aside"
  fi
  mv "$staging/app" "$share" || die "cannot move the new install into $share; the previous install was kept"
  ln -sfn "$share/patcode" "$link" || die "cannot link $link"
  rm -rf "$staging" "$staging.old"
  trap - EXIT

  say "installed $("$link" --version 2>/dev/null | head -n 1) into $share"
  say "linked $link"
  case ":${PATH:-}:" in
    *":$bin:"*) ;;
    *) say "note: $bin is not on your PATH; add it, e.g. echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc" ;;
  esac
  say "next: start Ollama (https://ollama.com), then run 'patcode'. 'patcode plugins list' shows the plugins."
}

uninstall_local() {
  local found=0
  if [ -e "$link" ] || [ -L "$link" ]; then
    link_is_ours || die "$link is not PatCode's link (it does not point to $share/patcode); leaving it alone"
    found=1
  fi
  if [ -d "$share" ]; then
    [ -x "$share/patcode" ] || die "$share does not look like a PatCode install (no patcode executable in it); leaving it alone"
    found=1
  fi
  if [ "$found" -eq 0 ]; then
    say "nothing to remove: no PatCode install under $prefix"
    return 0
  fi
  confirm "Remove $share and $link? (your state in ${PATCODE_HOME:-~/.patcode} is kept)"
  rm -f "$link"
  rm -rf "$share"
  say "removed PatCode from $prefix; your state in ${PATCODE_HOME:-~/.patcode} was kept"
}

install_docker() {
  local setup="$repo/scripts/setup.sh"
  [ -f "$setup" ] || die "scripts/setup.sh is missing in $repo; run install.sh from a complete PatCode checkout"
  local args=()
  [ "$assume_yes" -eq 0 ] || args+=(--yes)
  exec bash "$setup" "${args[@]+"${args[@]}"}"
}

say "platform: $os-$arch"
case "$mode" in
  local) install_local ;;
  uninstall) uninstall_local ;;
  docker) install_docker ;;
esac

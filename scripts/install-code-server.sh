#!/usr/bin/env bash
# Installs code-server (VS Code for the browser) into the project-local folder
# .code-server/ so the browser test (scripts/test-browser.mjs) and
# scripts/open-examples.sh can run a real VS Code on this machine.
#
# What it does, and why by hand:
#   * apt-get installs Debian's chromium (driven by playwright-core), ripgrep
#     (VS Code's search needs an `rg` binary) and the headers that code-server's
#     native modules build against.
#   * `npm install code-server@VERSION --ignore-scripts`: code-server's own
#     postinstall runs `npm install` inside lib/vscode, where @vscode/ripgrep's
#     postinstall downloads a binary from outside the npm registry and fails
#     offline. So this script installs without scripts and then does the
#     postinstall's steps itself: installs lib/vscode's dependencies without
#     scripts, rebuilds the native modules from source, puts Debian's `rg`
#     where @vscode/ripgrep would have put its download, makes the postinstall's
#     symlinks and installs lib/vscode/extensions' dependencies.
#
# Idempotent: when .code-server/ already holds this version and it answers
# `--version`, it only checks the Debian packages and exits.
#
# Environment:
#   CODE_SERVER_VERSION   version to install (default 4.100.3; 4.100.x runs on Node 20)
#   SKIP_APT=1            do not run apt-get (packages must already be there)
#   FORCE=1               reinstall even if the marker says it is installed
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.code-server"
CS="$PREFIX/node_modules/code-server"
VSC="$CS/lib/vscode"
MARKER="$PREFIX/.installed"
# a config file of our own, so that running code-server never writes ~/.config/code-server
CONFIG="$PREFIX/config.yaml"
cs_version() {
  [ -f "$CONFIG" ] || printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$CONFIG"
  node "$CS/out/node/entry.js" --config "$CONFIG" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n1
}
START=$(date +%s)

say() { printf '[install-code-server] %s\n' "$*"; }
run() { say "+ $*"; "$@"; }

# ---------------------------------------------------------------- Debian packages
APT_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
              pkg-config make g++ python3 fonts-dejavu-core ca-certificates)

missing_packages() {
  local p out=()
  for p in "${APT_PACKAGES[@]}"; do
    case "$p" in
      # build tools may come from elsewhere than Debian (pyenv's python3, …)
      make|g++|python3) command -v "$p" >/dev/null 2>&1 && continue ;;
    esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      out+=("$p")
    fi
  done
  echo "${out[@]:-}"
}

install_apt() {
  local missing
  missing="$(missing_packages)"
  if [ -z "${missing// /}" ]; then
    say "Debian packages present: ${APT_PACKAGES[*]}"
    return
  fi
  if [ "${SKIP_APT:-}" = 1 ]; then
    say "SKIP_APT=1 but these Debian packages are missing: $missing"
    exit 1
  fi
  local SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      say "not root and no sudo: install these Debian packages first: $missing"; exit 1
    fi
  fi
  say "installing Debian packages: $missing"
  run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

install_apt

# ---------------------------------------------------------------- already installed?
if [ "${FORCE:-}" != 1 ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ] \
   && [ -f "$CS/out/node/entry.js" ] \
   && v="$(cs_version)" && [ "${v%% *}" = "$VERSION" ]; then
  say "code-server $VERSION already installed in .code-server/ ($v)"
  exit 0
fi

# ---------------------------------------------------------------- toolchain for native modules
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  say "warning: code-server $VERSION wants Node 20, this is Node $(node --version)"
fi
# node-gyp would download Node's headers from outside the npm registry; point it
# at the headers installed with node itself when they are there.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node_api.h" ]; then
    export npm_config_nodedir="$node_prefix"
    say "using Node headers in $node_prefix/include/node"
  fi
fi
export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false \
       npm_config_fund=false npm_config_update_notifier=false
# never try a prebuilt-binary download (node-pre-gyp, prebuild-install): build from source
export npm_config_build_from_source=true

# ---------------------------------------------------------------- code-server itself
rm -f "$MARKER"
mkdir -p "$PREFIX"
if [ ! -f "$PREFIX/package.json" ]; then
  printf '{\n  "name": "crashlog-code-server",\n  "private": true\n}\n' > "$PREFIX/package.json"
fi
have_version=""
if [ -f "$CS/package.json" ]; then
  have_version="$(node -p "require('$CS/package.json').version" 2>/dev/null || true)"
fi
if [ "$have_version" != "$VERSION" ] || [ "${FORCE:-}" = 1 ]; then
  say "installing code-server@$VERSION into .code-server/ (without install scripts)"
  run npm install --prefix "$PREFIX" --ignore-scripts "code-server@$VERSION"
else
  say "code-server@$VERSION package already in .code-server/; finishing its install"
fi

say "rebuilding argon2 in code-server's tree"
(cd "$PREFIX" && run npm rebuild argon2 --foreground-scripts)

# ---------------------------------------------------------------- lib/vscode (the postinstall's job)
say "installing lib/vscode dependencies (without install scripts)"
(cd "$VSC" && run npm install --omit=dev --ignore-scripts --no-save)

say "rebuilding lib/vscode native modules"
(cd "$VSC" && run npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid --foreground-scripts)

RG="$(command -v rg || true)"
if [ -z "$RG" ]; then say "no rg on PATH (Debian package ripgrep)"; exit 1; fi
say "using Debian's rg ($RG) for @vscode/ripgrep"
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
rm -f "$VSC/node_modules/@vscode/ripgrep/bin/rg"
cp "$RG" "$VSC/node_modules/@vscode/ripgrep/bin/rg"

say "making the postinstall's symlinks"
(cd "$VSC" && rm -rf node_modules.asar && ln -s node_modules node_modules.asar)
(cd "$VSC/bin/remote-cli" && rm -rf code-server && ln -s code-linux.sh code-server)
(cd "$VSC/bin/helpers" && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)

if [ ! -d "$VSC/extensions/node_modules/typescript" ]; then
  say "installing lib/vscode/extensions dependencies"
  (cd "$VSC/extensions" && run npm install --omit=dev --no-save)
else
  say "lib/vscode/extensions dependencies present"
fi

# ---------------------------------------------------------------- check
say "checking: code-server --version"
v="$(cs_version || true)"
say "code-server --version: $v"
if [ "${v%% *}" != "$VERSION" ]; then
  say "unexpected version output"; exit 1
fi
# the native modules must load, not only build
(cd "$VSC" && node -e '
  for (const m of ["@parcel/watcher","@vscode/spdlog","kerberos","native-watchdog","node-pty","@vscode/deviceid"]) require(m);
')
(cd "$CS" && node -e 'require("argon2")')
say "native modules load"
echo "$VERSION" > "$MARKER"
say "done in $(( $(date +%s) - START ))s: .code-server/node_modules/code-server/out/node/entry.js"

#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench + a Node extension host) and playwright-core
# into a cache OUTSIDE the project, reused when present. Offline-safe: only the npm registry.
# Prints the cache folder (the one holding node_modules/) on its last line.
#
#   E2E cache: ${ELB_LINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/elb-lint-e2e}/code-server-<version>
#
# Needs Debian's ripgrep and libkrb5-dev (see install-system-deps.sh), a C++ toolchain and python3.
set -euo pipefail
CS_VERSION=4.100.3          # = VS Code 1.100.3; runs on Node 20 (newer ones want Node 24)
PW_VERSION=1.65.1           # playwright-core: drives Debian's chromium, downloads no browser
RG_PKG_VERSION=1.15.11      # @vscode/ripgrep inside code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

ROOT=${ELB_LINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/elb-lint-e2e}
DIR=$ROOT/code-server-$CS_VERSION
STAMP="code-server@$CS_VERSION playwright-core@$PW_VERSION"
mkdir -p "$ROOT"

# One installer at a time (two test runs may start together).
exec 9>"$ROOT/.lock"
flock 9

if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$STAMP" ] \
   && [ -x "$DIR/node_modules/.bin/code-server" ] && [ -f "$DIR/node_modules/playwright-core/package.json" ]; then
  echo "code-server cache: reusing $DIR" >&2
  echo "$DIR"
  exit 0
fi

for tool in rg node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-code-server.sh: '$tool' is missing (run test/e2e/install-system-deps.sh)" >&2; exit 1; }
done
dpkg -s libkrb5-dev >/dev/null 2>&1 || echo "install-code-server.sh: warning: libkrb5-dev is not installed; the kerberos module will not build" >&2

echo "code-server cache: installing $STAMP into $DIR (about 1-2 minutes)" >&2
start=$(date +%s)
rm -rf "$DIR"
mkdir -p "$DIR"

# @vscode/ripgrep's postinstall downloads rg from GitHub; it looks in this cache first.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
if [ ! -s "$RG_CACHE/$RG_ASSET" ]; then
  tar czf "$RG_CACHE/$RG_ASSET.tmp" -C "$(dirname "$(command -v rg)")" rg
  mv "$RG_CACHE/$RG_ASSET.tmp" "$RG_CACHE/$RG_ASSET"
fi

printf '{\n  "name": "elb-lint-e2e-cache",\n  "private": true\n}\n' > "$DIR/package.json"
# unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns
# "Unknown env config" but still passes it on); yes: node-pty's postinstall runs `npx node-gyp`.
(
  cd "$DIR"
  npm_config_unsafe_perm=true npm_config_yes=true \
  npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
    npm install --no-package-lock --loglevel=error "code-server@$CS_VERSION" "playwright-core@$PW_VERSION" >&2
)
# Always --config (and XDG_DATA_HOME): otherwise even --version writes into ~/.config and ~/.local/share.
XDG_DATA_HOME="$DIR/.probe" XDG_CONFIG_HOME="$DIR/.probe" \
  "$DIR/node_modules/.bin/code-server" --config "$DIR/.probe/config.yaml" --version >&2
rm -rf "$DIR/.probe"
echo "$STAMP" > "$DIR/.installed"
echo "code-server cache: installed in $(( $(date +%s) - start )) s, $(du -sh "$DIR" | cut -f1)" >&2
echo "$DIR"

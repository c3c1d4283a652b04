#!/usr/bin/env bash
# Debian packages the end-to-end suites need; installs only what is missing.
#   chromium            drives code-server's workbench (playwright-core, executablePath /usr/bin/chromium)
#   ripgrep             code-server's @vscode/ripgrep cannot download rg offline; we hand it Debian's
#   libkrb5-dev         code-server's kerberos native module compiles from source
#   neovim              the second LSP client (0.7.2 on Debian 12)
#   fonts-wqy-microhei  CJK glyphs, so the zh-cn screenshot shows Chinese rather than boxes
#   librsvg2-bin        rsvg-convert rasterises the topology SVG (test/src/graph); graphviz checks the DOT output
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
# node-gyp (kerberos, node-pty, argon2 in code-server) needs a compiler, make and python3.
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -eq 0 ]; then
  echo "e2e system packages: all present"
  exit 0
fi
echo "e2e system packages: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Every test in one node test run (so the closing summary counts them all): unit, CLI, LSP,
# parity, and the end-to-end suites (Neovim, and the packaged .vsix in code-server + Chromium).
# Installs what the end-to-end suites need (Debian packages when missing, code-server in a cache
# outside the project). ELB_LINT_SKIP_E2E=1 runs everything but the end-to-end suites.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npm run docs:check
# CI integrations (test/src/cli): xmllint validates the JUnit output, pre-commit runs the hooks.
# Debian packages, installed when missing and possible; the tests say why they skip otherwise.
ci_missing=()
command -v xmllint >/dev/null 2>&1 || ci_missing+=(libxml2-utils)
command -v pre-commit >/dev/null 2>&1 || ci_missing+=(pre-commit)
if [ ${#ci_missing[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${ci_missing[@]}"; } >/dev/null || echo "could not install ${ci_missing[*]}"
fi
e2e=()
if [ "${ELB_LINT_SKIP_E2E:-}" != 1 ]; then
  start=$SECONDS
  bash test/e2e/install-system-deps.sh
  bash test/e2e/install-code-server.sh >/dev/null
  echo "e2e setup: $((SECONDS - start)) s"
  e2e=(test/e2e/nvim.e2e.test.js test/e2e/vscode.e2e.test.js)
  export ELB_LINT_PRECOMMIT=1
fi
node --test --test-reporter=spec test/out/ "${e2e[@]}"
# The benchmarks at tiny sizes: that every part runs (not how fast; bench/REPORT.md has the numbers).
npm run bench:smoke

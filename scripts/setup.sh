#!/usr/bin/env bash
# Sets up a fresh machine for wiretype: pnpm (from the npm registry; corepack cannot verify signatures
# here) and the workspace's dependencies exactly as locked. `--with-browser` also installs Debian's
# Chromium, which the docs browser test drives (the test suite needs it).
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=10.34.8
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$pnpm_version" ]; then
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version"
fi
pnpm install --frozen-lockfile

if [ "${1:-}" = "--with-browser" ]; then
  bash scripts/install-chromium.sh
  bash scripts/install-fonts.sh
  bash scripts/install-php.sh
  bash scripts/install-webrtc.sh
  bash scripts/install-redis.sh
fi

#!/usr/bin/env bash
# Installs Debian's PHP CLI for the signature tests (runtime/test/sign), which check wiretype's PHP-style
# frame signing against the real php. Idempotent: quiet and quick when php is already there. Needs root
# (CI runs as root).
set -euo pipefail

if command -v php >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-php: php is missing and this script needs root to apt-get it" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends php-cli >/dev/null
php --version

#!/usr/bin/env bash
# Installs Debian's redis-server for the cluster tests (test/cluster), which run generated servers as
# several processes sharing one real Redis. The tests start their own redis-server on 127.0.0.1 on a
# free port; nothing runs as a service. Idempotent: quiet and quick when redis-server is there. Needs
# root (CI runs as root).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-redis: redis-server is missing and this script needs root to apt-get it" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# Debian's package starts a system service on 6379; the tests start their own, so stop it if it runs.
(service redis-server stop || true) >/dev/null 2>&1
redis-server --version

#!/usr/bin/env bash
# Installs a CJK font (Debian's fonts-noto-cjk) for the docs browser test: the protocol pages quote the
# specs' original Chinese and Korean wording, which Chromium otherwise draws as boxes. Idempotent: quiet
# and quick when a Chinese and a Korean font are already there. Needs root (CI runs as root).
set -euo pipefail

has_fonts() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh)" ] && [ -n "$(fc-list :lang=ko)" ]
}

if has_fonts; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-fonts: no CJK font found and this script needs root to apt-get fonts-noto-cjk" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends fontconfig fonts-noto-cjk >/dev/null
fc-cache -f >/dev/null
has_fonts

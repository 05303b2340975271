#!/usr/bin/env bash
# What the WebRTC example tests (test/webrtc) need besides the workspace: Debian's Chromium (with a fake
# camera and microphone, no devices needed) and the npm package node@24, which runs the werift media
# servers of the kurento-room and verto examples (werift needs Node >= 22). Fetching node@24 here keeps
# the download out of the tests' time. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-chromium.sh
npx --yes node@24 --version >/dev/null

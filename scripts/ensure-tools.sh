#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (real Redis, real Git, kubectl) when they are missing.
# Run as root (CI, containers) it installs them; otherwise it says what to install and fails.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v git >/dev/null 2>&1 || need+=(git)
# The Kubernetes API emulator's tests drive a real kubectl; Debian's kubernetes-client provides one.
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
# The dashboard's browser tests drive Debian's Chromium with Playwright (no browser download).
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "the tests need: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing ${need[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null

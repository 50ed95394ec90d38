#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Debian's Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

dotnet build Checkout.sln -c Release -warnaserror --nologo -v quiet
dotnet test Checkout.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@"

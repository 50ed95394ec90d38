#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Debian's Chromium for the browser tests, PostgreSQL's
# server for the scale-out tests).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

# The scale-out tests start a private PostgreSQL cluster of their own (initdb + pg_ctl on a loopback port).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the scale-out tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

dotnet build Checkout.sln -c Release -warnaserror --nologo -v quiet
log=$(mktemp)
status=0
dotnet test Checkout.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
passed=$({ grep -E '^\s+Passed: [0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -E '^\s+Failed: [0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed"
exit "$status"

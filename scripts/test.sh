#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Debian's Chromium for the browser tests, PostgreSQL's
# server for the scale-out tests), builds once, then runs the test projects side by side (none shares a port, a
# file or a database with another), prints each project's output and time, and ends with the totals.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium and its headless shell (the same engine without the desktop browser: less than half the CPU).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
  echo "Installing Debian's Chromium and its headless shell for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-headless-shell >/dev/null
fi

# The scale-out tests start a private PostgreSQL cluster of their own (initdb + pg_ctl on a loopback port).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the scale-out tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

started=$SECONDS
# One compiler server for every project (machines that set UseSharedCompilation=false in the environment start a
# compiler per project: about 130 s here instead of 80), stopped once the build is done.
built=0
dotnet build Checkout.sln -c Release -warnaserror --nologo -v quiet -p:UseSharedCompilation=true || built=$?
dotnet build-server shutdown >/dev/null 2>&1 || true
[ "$built" -eq 0 ] || exit "$built"
echo "Build: $((SECONDS - started)) s"

# The heaviest first, so the light ones fill in around them.
projects=(Integration Browser Emulator Contract ScaleOut AppHost Unit)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for project in "${projects[@]}"; do
  (
    begun=$SECONDS
    code=0
    dotnet test "tests/Checkout.$project.Tests" -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" \
      >"$logs/$project.log" 2>&1 || code=$?
    echo "$code $((SECONDS - begun))" >"$logs/$project.done"
  ) &
done
wait

status=0
summary=""
for project in "${projects[@]}"; do
  read -r code seconds <"$logs/$project.done"
  cat "$logs/$project.log"
  [ "$code" -eq 0 ] || status=$code
  summary+=$(printf '  %-12s %4d s%s' "$project" "$seconds" "$([ "$code" -eq 0 ] || echo "  (failed)")")$'\n'
done
echo "Time per project (run side by side):"
printf '%s' "$summary"
echo "Total: $((SECONDS - started)) s"
passed=$(cat "$logs"/*.log | { grep -E '^\s+Passed: [0-9]+' || true; } | awk '{s+=$2} END {print s+0}')
failed=$(cat "$logs"/*.log | { grep -E '^\s+Failed: [0-9]+' || true; } | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  # Repeated last, so the end of a long log (all a CI page may keep) names each failure and why.
  echo "Failed tests:"
  cat "$logs"/*.log | awk '/^  Failed [^ ]/ { show = 1; lines = 0 } /^  Stack Trace:/ { show = 0 } show && lines++ < 12'
fi
for project in "${projects[@]}"; do
  read -r code seconds <"$logs/$project.done"
  if [ "$code" -ne 0 ] && ! grep -qE '^\s+Failed: [0-9]+' "$logs/$project.log"; then
    echo "$project ended without its totals (its test host stopped early?); the end of its output:"
    tail -n 30 "$logs/$project.log"
  fi
done
exit "$status"

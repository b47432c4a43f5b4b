#!/usr/bin/env bash
# Make sure a Chromium that Playwright can drive is on this machine.
#
# Playwright's own browser download cannot work here (no access to its CDN), so the
# end-to-end tests use Debian's Chromium instead: /usr/bin/chromium, or $CHROMIUM_PATH.
# Never call `playwright install` from this project.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

works() {
  # Debian's launcher script may print harmless shell noise on stderr; only the exit code matters.
  [ -x "$1" ] && "$1" --version >/dev/null 2>&1
}

if works "$chromium"; then
  echo "ensure-chromium: using $("$chromium" --version 2>/dev/null) at $chromium"
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH does not exist or does not run (\`--version\` failed)." >&2
  echo "ensure-chromium: point CHROMIUM_PATH at a working Chromium, or unset it to use /usr/bin/chromium." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing; installing Debian's chromium and CJK fonts with apt-get..."
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk
  if works "$chromium"; then
    echo "ensure-chromium: installed $("$chromium" --version 2>/dev/null) at $chromium"
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but $chromium still does not run." >&2
  exit 1
fi

cat >&2 <<MSG
ensure-chromium: no working Chromium found at $chromium.

The end-to-end tests drive a system Chromium (Playwright's own browser download is not used).
Install one, then run the tests again:

  sudo apt-get install chromium fonts-noto-cjk     # Debian/Ubuntu

or point CHROMIUM_PATH at an existing Chromium or Chrome binary:

  CHROMIUM_PATH=/path/to/chromium npm test
MSG
exit 1

#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is installed for the end-to-end tests, which run the
# user-level suite in Firefox too (through WebDriver BiDi, no geckodriver). Installs it
# with apt when we may (root, or sudo without a password); otherwise says how.
set -euo pipefail
FIREFOX="${FIREFOX_PATH:-/usr/lib/firefox-esr/firefox-esr}"
if [ -x "$FIREFOX" ]; then exit 0; fi
install_cmd="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr"
if [ "$(id -u)" -eq 0 ]; then
  echo "Firefox ESR is missing: installing Debian's firefox-esr package (about 15 s)..."
  sh -c "$install_cmd" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Firefox ESR is missing: installing Debian's firefox-esr package with sudo (about 15 s)..."
  sudo sh -c "$install_cmd" >/dev/null
else
  cat >&2 <<MSG
Gloss's end-to-end tests need Debian's Firefox ESR at $FIREFOX, and this user cannot
install it. Install it once as root, then run the command again:

    sudo apt-get update && sudo apt-get install -y firefox-esr
MSG
  exit 1
fi
[ -x "$FIREFOX" ] || { echo "apt-get finished but $FIREFOX is still missing" >&2; exit 1; }

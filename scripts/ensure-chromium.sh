#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests and the
# demo. Installs it with apt when we may (root, or sudo without a password); otherwise
# says how. Playwright cannot download browsers here, and we want Debian's real one.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
install_cmd="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"
if [ "$(id -u)" -eq 0 ]; then
  echo "Chromium is missing: installing Debian's chromium package (about 30 s)..."
  sh -c "$install_cmd" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package with sudo (about 30 s)..."
  sudo sh -c "$install_cmd" >/dev/null
else
  cat >&2 <<MSG
Gloss needs Debian's Chromium at /usr/bin/chromium, and this user cannot install it.
Install it once as root, then run the command again:

    sudo apt-get update && sudo apt-get install -y chromium
MSG
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "apt-get finished but /usr/bin/chromium is still missing" >&2; exit 1; }

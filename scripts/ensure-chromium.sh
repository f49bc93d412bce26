#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests and the
# demo, with a font for Chinese (the zh_CN UI's screenshots show boxes without one: Debian's
# chromium brings none). Installs them with apt when we may (root, or sudo without a
# password); otherwise says how. Playwright cannot download browsers here, and we want
# Debian's real one.
set -euo pipefail
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; }
if [ -x /usr/bin/chromium ] && has_cjk_font; then exit 0; fi
packages="chromium fonts-noto-cjk"
install_cmd="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages"
if [ "$(id -u)" -eq 0 ]; then
  echo "Chromium or a Chinese font is missing: installing Debian's $packages (about 30 s)..."
  sh -c "$install_cmd" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Chromium or a Chinese font is missing: installing Debian's $packages with sudo (about 30 s)..."
  sudo sh -c "$install_cmd" >/dev/null
elif [ -x /usr/bin/chromium ]; then
  # Only the font is missing: the tests run, Chinese screenshots show boxes.
  echo "No Chinese font: Chinese text in screenshots will show as boxes (sudo apt-get install -y fonts-noto-cjk)." >&2
  exit 0
else
  cat >&2 <<MSG
Gloss needs Debian's Chromium at /usr/bin/chromium and a Chinese font, and this user
cannot install them. Install them once as root, then run the command again:

    sudo apt-get update && sudo apt-get install -y $packages
MSG
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "apt-get finished but /usr/bin/chromium is still missing" >&2; exit 1; }

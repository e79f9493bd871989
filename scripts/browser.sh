#!/usr/bin/env bash
# Install what the browser tests (tests/browser, marked `service`) drive: Debian's chromium, run headless
# by Playwright for Python (`pip install playwright`, part of the `test` extra). Playwright's own browser
# download (`playwright install`) is never used. Needs root (apt-get) unless chromium is already there;
# the tests skip cleanly when it is absent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "browser: /usr/bin/chromium already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "browser: chromium is missing and installing it needs root: apt-get install chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] && echo "browser: chromium installed"

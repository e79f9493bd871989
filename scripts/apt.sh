# Sourced by the install scripts: `apt_install PACKAGE...` installs Debian packages as root, running
# `apt-get update` once per run (an environment flag passes it to child scripts); without root (or apt-get) it says what to install and returns 1.
apt_install() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "newsgraph: please install the Debian packages $* (needs root)" >&2
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${NEWSGRAPH_APT_UPDATED:-}" ]; then
        apt-get update -qq
        export NEWSGRAPH_APT_UPDATED=1
    fi
    local extra=(--no-install-recommends)
    [ -n "${APT_RECOMMENDS:-}" ] && extra=()  # e.g. chromium, whose recommended fonts render the pages
    apt-get install -y -qq "${extra[@]}" "$@" >/dev/null
}

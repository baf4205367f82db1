#!/usr/bin/env bash
# Make a Chromium binary available at /usr/bin/chromium for the browser tests.
#
# Idempotent. Uses Debian's `chromium` package only (never `playwright install`,
# which downloads its own browser build). Outside CI a failed or impossible
# install is not an error: the browser tests skip themselves. With CI=true a
# missing browser is a hard failure, so CI cannot pass without running them.
set -uo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

fail() {
    echo "install-browser: $*" >&2
    if [ "${CI:-}" = "true" ]; then
        echo "install-browser: CI=true, so a missing $CHROMIUM is fatal" \
            "(browser tests must run in CI)." >&2
        exit 1
    fi
    echo "install-browser: browser tests will be SKIPPED." >&2
    exit 0
}

if [ "$(id -u)" -ne 0 ]; then
    fail "$CHROMIUM not found and not running as root; install Debian's 'chromium' package" \
        "yourself (e.g. 'sudo apt-get install chromium')."
fi
if ! command -v apt-get >/dev/null 2>&1; then
    fail "$CHROMIUM not found and apt-get is unavailable; install a Chromium at $CHROMIUM."
fi

echo "install-browser: installing Debian's chromium package (this takes a minute)..."
# Wait for a concurrent apt/dpkg run (e.g. another install in progress) rather
# than failing on the lock.
APT_OPTS=(-o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive
if ! apt-get "${APT_OPTS[@]}" update -qq; then
    fail "'apt-get update' failed."
fi
if ! apt-get "${APT_OPTS[@]}" install -y -qq chromium </dev/null; then
    fail "'apt-get install chromium' failed."
fi
if [ ! -x "$CHROMIUM" ]; then
    fail "chromium package installed but $CHROMIUM is missing."
fi
echo "install-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed."

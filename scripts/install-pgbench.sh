#!/usr/bin/env bash
# Installs Debian's packages for what the benchmarks run beside the services, where missing: pgbench (postgresql-15),
# strategy (a)'s SQL as an outside reference, and, with `wrk`, wrk (the HTTP side by side's load generator, about
# 0.05 ms of CPU per request). Needs root (or sudo) and the Debian package registry.
set -euo pipefail
packages=()
if ! { command -v pgbench >/dev/null 2>&1 && pgbench --version >/dev/null 2>&1; }; then
    packages+=(postgresql-15)
fi
if [ "${1:-}" = wrk ] && ! command -v wrk >/dev/null 2>&1; then
    packages+=(wrk)
fi
if [ ${#packages[@]} = 0 ]; then
    exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
pgbench --version

#!/usr/bin/env bash
# Installs PostgreSQL's pgbench (Debian's postgresql-15 package) where it is missing: the benchmark runs strategy (a)'s
# SQL through it as an outside reference. Needs root (or sudo) and the Debian package registry.
set -euo pipefail
if command -v pgbench >/dev/null 2>&1 && pgbench --version >/dev/null 2>&1; then
    exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
pgbench --version

#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl) exist for the storage tests. The tests
# start their own private cluster in a temp dir (Bot.Tests/Testing/PostgresServer.cs); no service
# is started here. Skipped when TEST_POSTGRES_CONNECTION points at an existing server.
set -euo pipefail

if [ -n "${TEST_POSTGRES_CONNECTION:-}" ]; then
  echo "postgres: using TEST_POSTGRES_CONNECTION"
  exit 0
fi

found() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1; }

if found; then
  echo "postgres: binaries present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "postgres: installing the postgresql package"
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
found || { echo "postgres: install finished but initdb/pg_ctl are still missing" >&2; exit 1; }

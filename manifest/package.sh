#!/usr/bin/env bash
# Builds manifest/build/teamsitbot.zip; see package.py for the settings it reads.
set -euo pipefail
exec python3 "$(dirname "$0")/package.py" "$@"

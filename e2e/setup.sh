#!/usr/bin/env bash
# Installs what the e2e suite drives, skipping what is already there: the pinned npm packages
# (Agents Playground, MCP reference server, conformance suite, Node 22, playwright-core) and
# Debian's chromium. Any failure is loud (exit 1).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/agentsplayground ] || [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/@modelcontextprotocol/conformance ] || [ ! -d node_modules/@modelcontextprotocol/server-everything ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "npm ci (e2e)"
  npm ci --no-audit --no-fund --loglevel=error
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "apt-get install chromium"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >/dev/null
fi
node_modules/.bin/node --version >/dev/null
chromium --version

#!/usr/bin/env bash
# Runs the bot locally with its embedded defaults (Development mode, local Jira tracker) on
# http://localhost:3978 together with the Microsoft 365 Agents Playground, a Teams-like chat in
# the browser. Ctrl+C stops both. Usage: bash deploy/local/run.sh [--no-playground]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
tools="$root/deploy/local/.tools"
playground_version=0.2.28
bot_port=${BOT_PORT:-3978}
playground_port=${PLAYGROUND_PORT:-56150}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building the bot..."
dotnet build Bot -c Debug -v quiet -nologo >/dev/null

if [ "${1:-}" = "--no-playground" ]; then
  exec env ASPNETCORE_ENVIRONMENT=Development dotnet run --project Bot --no-build --urls "http://localhost:$bot_port"
fi

if [ ! -x "$tools/node_modules/.bin/agentsplayground" ]; then
  echo "Installing the Microsoft 365 Agents Playground $playground_version (npm)..."
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@microsoft/m365agentsplayground@$playground_version" >/dev/null
fi

ASPNETCORE_ENVIRONMENT=Development dotnet run --project Bot --no-build --urls "http://localhost:$bot_port" &
bot_pid=$!
trap 'kill $bot_pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 60); do
  curl -fsS "http://localhost:$bot_port/healthz" >/dev/null 2>&1 && break
  kill -0 $bot_pid 2>/dev/null || { echo "The bot exited during start-up."; exit 1; }
  sleep 0.5
done

echo
echo "Bot:        http://localhost:$bot_port/api/messages"
echo "Playground: http://localhost:$playground_port  (open it in a browser and say \"Teams is not working\")"
echo
APPLICATION_INSIGHTS_NO_STATSBEAT=true \
  NODE_OPTIONS="--require $root/deploy/local/loopback-only.cjs" \
  "$tools/node_modules/.bin/agentsplayground" -e "http://localhost:$bot_port/api/messages" -c msteams \
  -p "$playground_port" --disable-telemetry

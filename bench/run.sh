#!/usr/bin/env bash
# The benchmark in one command: bench/run.sh [short|long] [extra options for TeamsItBot.Bench]
# Builds the bot and the load generator in Release, then runs every phase against the bot as a
# separate process (SQLite state, local mode) and prints the results beside the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-short}
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Bot/Bot.csproj -c Release -v quiet -nologo >/dev/null
dotnet build bench/TeamsItBot.Bench/TeamsItBot.Bench.csproj -c Release -v quiet -nologo >/dev/null

mkdir -p bench/results
out="bench/results/${profile}-$(date -u +%Y%m%dT%H%M%SZ).md"
dotnet bench/TeamsItBot.Bench/bin/Release/net10.0/TeamsItBot.Bench.dll run "$profile" \
  --bot Bot/bin/Release/net10.0/TeamsItBot.dll --out "$out" "$@"
echo "report: $out"

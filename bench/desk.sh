#!/usr/bin/env bash
# Desk benchmark: one web node (Release build, its own PostgreSQL from bench/run.sh) and N desks (default 50), each a
# real Blazor Server circuit on the checkout page of its own patron, driven over the circuit protocol without a browser
# (bench/MediaBib.Bench.Desk/CircuitDesk.cs: what blazor.web.js sends and answers, render batches acknowledged).
# Measures the server's memory per idle circuit (managed heap after a forced full GC, and RSS, with and without the N
# circuits, from the bench-only endpoint enabled by Bench__Diagnostics=true), then every desk scans at a scanner's pace
# (one barcode every 1-2 s, random) and times scan -> the render batch that shows the line, and the one with its answer.
# One more desk in chromium scans beside them and times Enter -> answer in its own DOM (browser_scan_*; --browser 0 skips).
# Goal (issue 4): scan p95 < 100 ms and < 1 MB per idle circuit on 2 cores. The web node's and the driver's CPU over the
# scan phase are printed beside the latencies.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CIRCUITS="${MB_BENCH_DESK_CIRCUITS:-50}"
SECONDS_PER_PHASE="${MB_BENCH_SECONDS:-60}"
PORT="${MB_BENCH_WEB_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
URL="http://127.0.0.1:$PORT"
dotnet build MediaBib.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/MediaBib.Bench.Desk -c Release -v quiet -nologo >/dev/null
LOGS="$ROOT/.data/bench/desk-logs"
mkdir -p "$LOGS"

(
  cd MediaBib.Web/bin/Release/net10.0
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$URL" ConnectionStrings__Db="$MB_BENCH_PG" \
  Bench__Diagnostics=true Seed__Demo=false Jobs__Store=memory Security__SignInPermitsPerMinute=100000 \
  Logging__Directory="$LOGS" Serilog__MinimumLevel__Default=Warning \
  exec dotnet MediaBib.Web.dll >"$LOGS/web.out" 2>&1
) &
WEB=$!
trap 'kill "$WEB" 2>/dev/null || true; wait "$WEB" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  if curl -fsS "$URL/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$WEB" 2>/dev/null; then echo "desk: the web node stopped; see $LOGS/web.out" >&2; tail -20 "$LOGS/web.out" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "$URL/health" >/dev/null
echo "web node: pid=$WEB url=$URL (Release)"
dotnet bench/MediaBib.Bench.Desk/bin/Release/net10.0/MediaBib.Bench.Desk.dll --url "$URL" --web-pid "$WEB" --circuits "$CIRCUITS" --seconds "$SECONDS_PER_PHASE" "$@"

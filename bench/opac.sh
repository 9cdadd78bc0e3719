#!/usr/bin/env bash
# OPAC benchmark (issue 7), run by `bench/run.sh opac`, which exports MB_BENCH_PG (a dedicated PostgreSQL).
# 1. a database of N records (MB_BENCH_OPAC_RECORDS, default 1,000,000) with ~3 copies each, kept between runs: a
#    seed of generated UNIMARC records through the real import, multiplied in SQL (bench/MediaBib.Bench OpacBench.cs);
# 2. 200 French queries with facets through SearchService, and the same statements as raw SQL (Npgsql), p50/p95;
# 3. OPAC search pages per second with wrk (16 connections) against the Release web app, rotating over the queries.
# Ends with: opac: records=… search_p50_ms=… search_p95_ms=… sql_p95_ms=… overhead_ratio=… pages_per_s=…
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
: "${MB_BENCH_PG:?MB_BENCH_PG is not set: run bench/run.sh opac}"
N="${MB_BENCH_OPAC_RECORDS:-1000000}"
SEED=$(( N < 20000 ? N : 20000 ))
WRK_SECONDS="${MB_BENCH_WRK_SECONDS:-20}"
WORK="${MB_DATA_DIR:-.data/bench}/opac"
mkdir -p "$WORK"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "[opac] installing wrk" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
  else
    echo "opac: wrk is missing: sudo apt-get install wrk" >&2; exit 3
  fi
fi

echo "[opac] building the drivers and the web app (Release)" >&2
dotnet build bench/MediaBib.Bench.Marc -c Release -v q -nologo >&2
dotnet build bench/MediaBib.Bench -c Release -v q -nologo >&2
dotnet build MediaBib.Web -c Release -v q -nologo >&2
BENCH=(dotnet bench/MediaBib.Bench/bin/Release/net10.0/MediaBib.Bench.dll)

FILE="$WORK/seed-$SEED.mrc"
if [ ! -s "$FILE" ]; then
  dotnet bench/MediaBib.Bench.Marc/bin/Release/net10.0/MediaBib.Bench.Marc.dll generate "$SEED" "$FILE" >&2
fi
"${BENCH[@]}" opac-load --records "$N" --file "$FILE" >&2

URLS="$WORK/urls-$N.txt"
search=$("${BENCH[@]}" opac-search --records "$N" --urls "$URLS")
echo "[opac] $search" >&2
get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$search"; }

# The web app on its own port, against the loaded database; jobs in memory (no cluster bookkeeping in the figures).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DB_CS="$(sed "s/Database=[^;]*/Database=mb_bench_opac_$N/" <<<"$MB_BENCH_PG")"
ConnectionStrings__Db="$DB_CS" Jobs__Store=memory Seed__Demo=false ASPNETCORE_ENVIRONMENT=Production \
  Logging__Directory="$WORK/logs" Serilog__MinimumLevel__Default=Warning \
  dotnet MediaBib.Web/bin/Release/net10.0/MediaBib.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/MediaBib.Web" \
  >"$WORK/web.log" 2>&1 &
WEB_PID=$!
trap 'kill $WEB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/opac" && break
  sleep 1
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/opac/recherche?q=jardin" || { echo "opac: the web app did not start (see $WORK/web.log)" >&2; exit 1; }

cat >"$WORK/rotate.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("MB_WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
echo "[opac] wrk warm-up (5 s), then ${WRK_SECONDS} s at 16 connections" >&2
MB_WRK_PATHS="$URLS" wrk -t2 -c16 -d5s --timeout 30s -s "$WORK/rotate.lua" "http://127.0.0.1:$PORT" >/dev/null
wrk_out=$(MB_WRK_PATHS="$URLS" wrk -t2 -c16 -d"${WRK_SECONDS}s" --timeout 30s --latency -s "$WORK/rotate.lua" "http://127.0.0.1:$PORT")
echo "$wrk_out" >&2
pages=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$wrk_out")
non2xx=$(awk '/Non-2xx/{print $5}' <<<"$wrk_out")
[ -z "$non2xx" ] || echo "[opac] warning: $non2xx non-2xx responses" >&2

p50=$(get search_p50_ms); p95=$(get search_p95_ms); sql95=$(get sql_p95_ms)
ratio=$(awk -v a="$p95" -v b="$sql95" 'BEGIN{printf "%.2f", a/b}')
echo "opac: records=$N search_p50_ms=$p50 search_p95_ms=$p95 sql_p95_ms=$sql95 overhead_ratio=$ratio pages_per_s=$pages"

#!/usr/bin/env bash
# MARC benchmark (issue 6), run by `bench/run.sh marc`, which exports MB_BENCH_PG (a dedicated PostgreSQL).
# 1. generates N synthetic UNIMARC records with 1-5 items in 995 (MB_BENCH_MARC_RECORDS, default 100000);
# 2. parses ISO 2709 -> MARCXML with MediaBib and, as the reference, with yaz-marcdump (same file, same run);
# 3. imports the file into a fresh database (CatalogImport: match on 001/ISBN, COPY batches of 1,000, items, audit).
# Ends with: marc: records=… parse_rps=… yaz_parse_rps=… parse_ratio=… import_rps=… import_peak_mb=…
# and, on the line before (stderr), CPU time per record (µs): yaz and MediaBib parsing, the import's process and the
# PostgreSQL server's (backends, autovacuum, WAL writer: the postmaster's reaped children), comparable on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MB_BENCH_PG:?MB_BENCH_PG is not set: run bench/run.sh marc}"
N="${MB_BENCH_MARC_RECORDS:-100000}"
WORK="${MB_DATA_DIR:-.data/bench}/marc"
mkdir -p "$WORK"
FILE="$WORK/synthetic-$N.mrc"

command -v yaz-marcdump >/dev/null || { echo "marc: yaz-marcdump not found (Debian package yaz)" >&2; exit 3; }
echo "[marc] building the benchmark driver (Release)" >&2
dotnet build bench/MediaBib.Bench.Marc -c Release -v q -nologo >&2
DRIVER=(dotnet bench/MediaBib.Bench.Marc/bin/Release/net10.0/MediaBib.Bench.Marc.dll)

kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

if [ ! -s "$FILE" ]; then
  echo "[marc] generating $N records into $FILE" >&2
  "${DRIVER[@]}" generate "$N" "$FILE" >&2
fi
echo "[marc] file: $(du -h "$FILE" | cut -f1), $N records" >&2

# Reference: yaz-marcdump, ISO 2709 -> MARCXML, UTF-8, to /dev/null.
TIMEFORMAT='%U %S'
start=$(date +%s.%N)
yaz_cpu=$( { time yaz-marcdump -i marc -o marcxml -f utf-8 -t utf-8 "$FILE" >/dev/null; } 2>&1 )
end=$(date +%s.%N)
yaz_rps=$(awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
yaz_cpu_us=$(awk -v n="$N" -v c="$yaz_cpu" 'BEGIN { split(c, t, " "); printf "%.1f", (t[1] + t[2]) * 1e6 / n }')
echo "[marc] yaz-marcdump: $yaz_rps records/s, $yaz_cpu_us µs CPU/record" >&2

parse=$("${DRIVER[@]}" parse "$FILE")
echo "[marc] MediaBib parse: $parse" >&2
parse_rps=$(kv rps "$parse")

# CPU of the server's processes that ended (backends, autovacuum workers): cutime + cstime of the postmaster.
server_cpu_ticks() { awk '{ print $16 + $17 }' "/proc/$(head -1 "$MB_BENCH_PGDATA/postmaster.pid")/stat" 2>/dev/null || echo 0; }
echo "[marc] importing into a fresh database" >&2
server_before=$(server_cpu_ticks)
import=$("${DRIVER[@]}" import "$FILE")
sleep 1   # the backends exit once the driver has closed its connections
server_us=$(awk -v a="$server_before" -v b="$(server_cpu_ticks)" -v n="$N" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) * 1e6 / hz / n }')
echo "[marc] import: $import" >&2
import_rps=$(kv rps "$import")
peak=$(kv peak_mb "$import")
ratio=$(awk -v a="$parse_rps" -v b="$yaz_rps" 'BEGIN { printf "%.2f", a / b }')

echo "marc-cpu: parse_cpu_us=$(kv cpu_us "$parse") yaz_parse_cpu_us=$yaz_cpu_us import_client_cpu_us=$(kv cpu_us "$import") import_server_cpu_us=$server_us (per record)" >&2
echo "marc: records=$N parse_rps=$parse_rps yaz_parse_rps=$yaz_rps parse_ratio=$ratio import_rps=$import_rps import_peak_mb=$peak"

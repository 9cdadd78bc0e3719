#!/usr/bin/env bash
# Circulation benchmark: checkout+checkin cycles through CirculationDesk at 1, 8 and 32 concurrent clients, next to
# pgbench's built-in TPC-B-like script on the same server with the same client counts, measured in the same run.
# Goal (issue 3): cycles/s >= 40% of pgbench tps at 8 clients; checkout p99 < 10 ms at 8 clients.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE="${MB_BENCH_SECONDS:-15}"
dotnet build bench/MediaBib.Bench -c Release -v quiet -nologo >/dev/null
out=$(mktemp)
dotnet bench/MediaBib.Bench/bin/Release/net10.0/MediaBib.Bench.dll circulation --clients 1,8,32 --seconds "$SECONDS_PER_PHASE" | tee "$out"
declare -A tps
for c in 1 8 32; do
  tps[$c]=$(pgbench_tps "$c" "$SECONDS_PER_PHASE")
  echo "pgbench clients=$c tps=${tps[$c]}"
done
line8=$(grep '^clients=8 ' "$out")
get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line8"; }
cps=$(get cycles_per_s); p50=$(get checkout_p50_ms); p99=$(get checkout_p99_ms)
ratio=$(awk -v a="$cps" -v b="${tps[8]}" 'BEGIN{printf "%.2f", a/b}')
c1=$(sed -n 's/^clients=1 .*cycles_per_s=\([^ ]*\).*/\1/p' "$out"); c32=$(sed -n 's/^clients=32 .*cycles_per_s=\([^ ]*\).*/\1/p' "$out")
echo "circulation: clients=8 cycles_per_s=$cps pgbench_tps=${tps[8]} ratio=$ratio checkout_p50_ms=$p50 checkout_p99_ms=$p99 cycles_per_s_c1=$c1 pgbench_tps_c1=${tps[1]} cycles_per_s_c32=$c32 pgbench_tps_c32=${tps[32]}"

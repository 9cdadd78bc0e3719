#!/usr/bin/env bash
# SIP2 benchmark: N concurrent kiosk sessions (1, 10, 50) over real TCP to the real worker (EngineSip2Library on
# PostgreSQL), each looping 63 patron information + 11 checkout + 09 checkin; next to a raw TCP echo round trip and
# the same checkout+checkin cycles called directly on CirculationDesk (in-process), measured in the same run.
# Goal (issue 5): at 50 terminals p99 < 20 ms and >= 1,000 messages/s. The figures of the final line come from a paced
# phase (50 terminals offering MB_BENCH_SIP2_RATE messages/s in all, as kiosks paced by people do). The default offer is
# 1,050/s, 5 % above the goal: a paced phase serves what it is offered, and an offer of exactly 1,000/s printed 999.8
# (the phase's last answers come after its end). Each latency counts from when its loop was due. The closed-loop
# saturation throughput and its p99 are printed next to them, and each phase's stall probes: GC pauses, the lateness of
# a 5 ms timer in the process, the slowest SELECT 1 on a connection of its own, and how many answers over 20 ms the
# worst 250 ms of the phase holds (a stall bunches them, queueing spreads them), with its time for the server log.
# After the warm-up the hot tables get a network's history (300,000 items, 500,000 loans, 1,000,000 audit rows, 500,000
# events, copied from the warm-up's rows, then VACUUM ANALYZE): on small tables autovacuum came round every minute.
# MB_BENCH_SIP2_HISTORY=0 skips it. MB_BENCH_SIP2_POOL sets the worker's connection pool (100 by default).
# Diagnosis: MB_BENCH_SIP2_ANALYZE_AT=S runs ANALYZE on the hot tables S seconds into the paced phase
# (MB_BENCH_SIP2_ANALYZE_DELAY=MS throttles it as autovacuum would). Each kiosk lends from a shelf of 100 items.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE="${MB_BENCH_SECONDS:-15}"
CLIENTS="${MB_BENCH_SIP2_CLIENTS:-1,10,50}"
dotnet build bench/MediaBib.Bench.Sip2 -c Release -v quiet -nologo >/dev/null
dotnet bench/MediaBib.Bench.Sip2/bin/Release/net10.0/MediaBib.Bench.Sip2.dll --clients "$CLIENTS" --seconds "$SECONDS_PER_PHASE" --rate "${MB_BENCH_SIP2_RATE:-1050}"

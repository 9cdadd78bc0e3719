#!/usr/bin/env bash
# SIP2 benchmark: N concurrent kiosk sessions (1, 10, 50) over real TCP to the real worker (EngineSip2Library on
# PostgreSQL), each looping 63 patron information + 11 checkout + 09 checkin; next to a raw TCP echo round trip and
# the same checkout+checkin cycles called directly on CirculationDesk (in-process), measured in the same run.
# Goal (issue 5): at 50 terminals p99 < 20 ms and >= 1,000 messages/s. The figures of the final line come from a paced
# phase (50 terminals offering MB_BENCH_SIP2_RATE messages/s in all, 1000 by default, as kiosks paced by people do);
# the closed-loop saturation throughput and its p99 are printed next to them.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE="${MB_BENCH_SECONDS:-15}"
CLIENTS="${MB_BENCH_SIP2_CLIENTS:-1,10,50}"
dotnet build bench/MediaBib.Bench.Sip2 -c Release -v quiet -nologo >/dev/null
dotnet bench/MediaBib.Bench.Sip2/bin/Release/net10.0/MediaBib.Bench.Sip2.dll --clients "$CLIENTS" --seconds "$SECONDS_PER_PHASE" --rate "${MB_BENCH_SIP2_RATE:-1000}"

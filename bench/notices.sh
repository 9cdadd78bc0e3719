#!/usr/bin/env bash
# Notices benchmark (issue 8): the overdue run over 100,000 late loans across 30,000 patrons (written with binary COPY):
# selection, grouping, rendering, queueing and sending to a local aiosmtpd that only counts messages.
# Goal: under 60 s on 2 cores, memory flat. Ends with "notices: loans=… seconds=… notices_per_s=… peak_mb=…".
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import aiosmtpd" 2>/dev/null || apt-get install -y --no-install-recommends python3-aiosmtpd >/dev/null
dotnet build bench/MediaBib.Bench -c Release -v quiet -nologo >/dev/null
echo "cores=$(nproc) (other processes may share them)"
dotnet bench/MediaBib.Bench/bin/Release/net10.0/MediaBib.Bench.dll notices --loans "${MB_BENCH_LOANS:-100000}" --patrons "${MB_BENCH_PATRONS:-30000}"

#!/usr/bin/env bash
# Benchmarks. Each provisions what it needs (a dedicated PostgreSQL cluster under .data/bench), measures its figures
# and a reference in the same run, and ends with one line "NAME: key=value …".
#   usage: bench/run.sh NAME     NAME: circulation | sip2 | desk | marc | opac | notices
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
name="${1:-}"
case "$name" in
  circulation|sip2|desk|marc|opac|notices) ;;
  *) echo "usage: bench/run.sh circulation|sip2|desk|marc|opac|notices" >&2; exit 2 ;;
esac
script="bench/$name.sh"
if [ ! -x "$script" ]; then
  echo "bench/run.sh: the '$name' benchmark is not written yet (its issue is still open)." >&2
  exit 3
fi

export MB_DATA_DIR="$ROOT/.data/bench"
export MB_PG_PORT="${MB_BENCH_PG_PORT:-55434}"
export MB_REDIS_PORT="${MB_BENCH_REDIS_PORT:-56381}"
export MB_DB=mediabib_bench
export MB_NO_REDIS=1
eval "$(scripts/services.sh start)"
export MB_BENCH_PG="$ConnectionStrings__Db"
export MB_BENCH_PGDATA="$MB_DATA_DIR/pg"
# Every run starts from an empty database (and a freshly initialised pgbench reference), so runs compare: tables grown
# by earlier runs (millions of loans, audit and outbox rows) made the same code measure differently from run to run.
# The OPAC bench keeps its own 1M-record database (opac.sh). MB_BENCH_KEEP_DB=1 keeps what earlier runs left.
pg_admin() { "$MB_PG_BIN/psql" -h 127.0.0.1 -p "$MB_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "${MB_BENCH_KEEP_DB:-0}" != 1 ]; then
  pg_admin -c "drop database if exists \"$MB_DB\" with (force)" -c "drop database if exists pgbench_ref with (force)" \
    -c "create database \"$MB_DB\" owner mediabib"
fi
# A bench may end its set-up with a CHECKPOINT, so the set-up's writes are not flushed during a measured phase.
pg_admin -c "grant pg_checkpoint to mediabib"
exec "$script" "${@:2}"

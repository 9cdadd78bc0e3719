#!/usr/bin/env bash
# Shared helpers for the benchmarks.

# pgbench_tps CLIENTS SECONDS -> prints the TPC-B-like transactions per second of the same server (reference figure).
pgbench_tps() {
  local clients=$1 seconds=$2
  local pgbench="$MB_PG_BIN/pgbench"
  local args=(-h 127.0.0.1 -p "$MB_PG_PORT" -U mediabib)
  if ! "$MB_PG_BIN/psql" "${args[@]}" -d postgres -qtAX -c "select 1 from pg_database where datname='pgbench_ref'" | grep -q 1; then
    "$MB_PG_BIN/createdb" "${args[@]}" pgbench_ref
    PGPASSWORD=mediabib "$pgbench" "${args[@]}" -i -q -s 10 pgbench_ref >/dev/null 2>&1
  fi
  PGPASSWORD=mediabib "$pgbench" "${args[@]}" -c "$clients" -j "$clients" -T "$seconds" -n pgbench_ref 2>/dev/null \
    | awk '/^tps = /{printf "%.0f\n", $3; exit}'
}

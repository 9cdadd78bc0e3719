#!/usr/bin/env bash
# MediaBib local services: PostgreSQL 15+ (with contrib: unaccent, pg_trgm) and Redis, started without systemd on
# loopback ports of their own, with data under the checkout's .data/ folder. Idempotent: it only does what is missing.
#   usage: scripts/services.sh [start|stop|status|env]      (default: start)
# Environment: MB_DATA_DIR (default <checkout>/.data/dev), MB_PG_PORT (55432), MB_REDIS_PORT (56379),
#              MB_DB (mediabib), MB_DB_USER (mediabib), MB_DB_PASS (mediabib), MB_NO_REDIS=1 to skip Redis.
# Packages needed beyond PostgreSQL/Redis (chromium for browser tests, ...) are passed in MB_EXTRA_PACKAGES.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${MB_DATA_DIR:-$ROOT/.data/dev}"
PG_PORT="${MB_PG_PORT:-55432}"
REDIS_PORT="${MB_REDIS_PORT:-56379}"
DB="${MB_DB:-mediabib}"
DB_USER="${MB_DB_USER:-mediabib}"
DB_PASS="${MB_DB_PASS:-mediabib}"

log() { printf '[services] %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }

pg_bin_dir() {
  local v
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return 0; fi
  done
  return 1
}

install_packages() {
  local wanted=("$@") missing=() p
  for p in "${wanted[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_root; then
    log "missing packages: ${missing[*]}"
    log "install them with:  sudo apt-get install -y --no-install-recommends ${missing[*]}"
    return 1
  fi
  log "installing ${missing[*]} (apt)"
  # Keep apt's postinst from starting the distribution's default services on 5432/6379.
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local rc=0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$DATA_DIR/../apt.log" 2>&1 || rc=$?
  [ $created_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc != 0 ]; then log "apt-get install failed; see $DATA_DIR/../apt.log"; return $rc; fi
}

ensure_packages() {
  mkdir -p "$DATA_DIR"
  local pkgs=()
  pg_bin_dir >/dev/null || pkgs+=(postgresql postgresql-contrib)
  # contrib (unaccent, pg_trgm) must be present for the full-text search configuration.
  local bin; bin=$(pg_bin_dir || true)
  if [ -n "$bin" ] && [ ! -f "/usr/share/postgresql/$(basename "$(dirname "$bin")")/extension/unaccent.control" ]; then
    pkgs+=(postgresql-contrib)
  fi
  command -v psql >/dev/null || pkgs+=(postgresql-client)
  [ "${MB_NO_REDIS:-0}" = 1 ] || command -v redis-server >/dev/null || pkgs+=(redis-server)
  # shellcheck disable=SC2206
  [ -n "${MB_EXTRA_PACKAGES:-}" ] && pkgs+=(${MB_EXTRA_PACKAGES})
  [ ${#pkgs[@]} -eq 0 ] || install_packages "${pkgs[@]}"
}

as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_init() {
  local bin; bin=$(pg_bin_dir)
  local pgdata="$DATA_DIR/pg"
  if [ ! -s "$pgdata/PG_VERSION" ]; then
    mkdir -p "$pgdata"; chmod 700 "$pgdata"
    # initdb refuses to run as root: the cluster belongs to the postgres user, who must reach the folder.
    if is_root; then
      chown postgres:postgres "$pgdata"
      local d="$pgdata"
      while d=$(dirname "$d"); [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; done
    fi
    as_pg "$bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DATA_DIR/initdb.log" 2>&1 \
      || { log "initdb failed; see $DATA_DIR/initdb.log"; return 1; }
    cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
unix_socket_directories = '${pgdata}'
max_connections = 300
shared_buffers = 256MB
# Circulation writes a steady stream of small transactions: checkpoints every 15 min (not every 1 GB of WAL, which a
# busy day of desks and kiosks reaches in minutes) keep full-page writes and fsync storms from stalling commits.
max_wal_size = 4GB
checkpoint_timeout = 15min
${MB_PG_EXTRA_CONF:-}
CONF
  fi
}

pg_start() {
  local bin; bin=$(pg_bin_dir)
  local pgdata="$DATA_DIR/pg"
  if as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then return 0; fi
  rm -f "$pgdata/postmaster.pid"
  as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null \
    || { log "PostgreSQL did not start; see $pgdata/server.log"; return 1; }
}

pg_db() {
  local bin; bin=$(pg_bin_dir)
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='${DB_USER}'")" != 1 ]; then
    "${psql[@]}" -c "create role \"${DB_USER}\" login createdb password '${DB_PASS}'"
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='${DB}'")" != 1 ]; then
    "${psql[@]}" -c "create database \"${DB}\" owner \"${DB_USER}\""
  fi
  # unaccent and pg_trgm are trusted extensions: creating them in template1 lets per-test databases have them too.
  for d in template1 "$DB"; do
    "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$d" -v ON_ERROR_STOP=1 -qtAX \
      -c "set client_min_messages=warning" -c "create extension if not exists unaccent" -c "create extension if not exists pg_trgm"
  done
}

redis_start() {
  [ "${MB_NO_REDIS:-0}" = 1 ] && return 0
  command -v redis-server >/dev/null || { log "redis-server not installed: running without Redis"; return 0; }
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then return 0; fi
  mkdir -p "$DATA_DIR/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
    --pidfile "$DATA_DIR/redis/redis.pid" --logfile "$DATA_DIR/redis/redis.log" --dir "$DATA_DIR/redis" \
    --save '' --appendonly no
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.1
  done
  log "Redis did not start; see $DATA_DIR/redis/redis.log"; return 1
}

stop_all() {
  local bin; bin=$(pg_bin_dir || true)
  if [ -n "$bin" ] && [ -s "$DATA_DIR/pg/PG_VERSION" ]; then as_pg "$bin/pg_ctl" -D "$DATA_DIR/pg" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -s "$DATA_DIR/redis/redis.pid" ]; then
    kill "$(cat "$DATA_DIR/redis/redis.pid")" 2>/dev/null || true
    rm -f "$DATA_DIR/redis/redis.pid"
  fi
}

print_env() {
  echo "export ConnectionStrings__Db='Host=127.0.0.1;Port=${PG_PORT};Database=${DB};Username=${DB_USER};Password=${DB_PASS}'"
  if [ "${MB_NO_REDIS:-0}" != 1 ] && command -v redis-server >/dev/null; then
    echo "export ConnectionStrings__Redis='127.0.0.1:${REDIS_PORT}'"
  fi
  echo "export MB_PG_BIN='$(pg_bin_dir)'"
}

case "${1:-start}" in
  start) ensure_packages; pg_init; pg_start; pg_db; redis_start; print_env ;;
  env) print_env ;;
  stop) stop_all ;;
  status) as_pg "$(pg_bin_dir)/pg_ctl" -D "$DATA_DIR/pg" status || true ;;
  *) echo "usage: $0 [start|stop|status|env]" >&2; exit 2 ;;
esac

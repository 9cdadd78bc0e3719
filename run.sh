#!/usr/bin/env bash
# Starts MediaBib with a demo network: installs what is missing (PostgreSQL, Redis via apt when root), starts a local
# PostgreSQL cluster under .data/dev (unless ConnectionStrings__Db is already set), migrates, seeds the demo data
# once, then runs the web app (http://localhost:5000) and the SIP2 worker (port 6001). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
WEB_URL="${MB_WEB_URL:-http://localhost:5000}"
SIP2_PORT="${Sip2__Port:-6001}"

scripts/ensure-dotnet.sh
if [ -z "${ConnectionStrings__Db:-}" ]; then
  export MB_DATA_DIR="$ROOT/.data/dev"
  eval "$(scripts/services.sh start)"
else
  echo "Using the configured database (ConnectionStrings__Db); no local cluster started."
fi

echo "Building…"
dotnet build MediaBib.sln -c Release -v quiet -nologo 2>&1 | grep -E "error|Warn|Build succeeded" | tail -n 5
mkdir -p "$ROOT/.data/logs"

export Seed__Demo=true
export Logging__Directory="$ROOT/.data/logs"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Sip2__Port="$SIP2_PORT"
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping MediaBib…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped. (The local PostgreSQL keeps running; stop it with: MB_DATA_DIR=$ROOT/.data/dev scripts/services.sh stop)"
}
trap cleanup INT TERM EXIT

# The web app migrates and seeds before it listens; the SIP2 worker waits for it.
dotnet MediaBib.Web/bin/Release/net10.0/MediaBib.Web.dll --urls "$WEB_URL" --contentRoot "$ROOT/MediaBib.Web" &
pids+=($!)
for _ in $(seq 1 180); do
  if curl -fsS "$WEB_URL/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then echo "The web app stopped during start-up (see above)."; exit 1; fi
  sleep 1
done
dotnet MediaBib.Sip2/bin/Release/net10.0/MediaBib.Sip2.dll --contentRoot "$ROOT/MediaBib.Sip2" &
pids+=($!)

cat <<MSG

  MediaBib is running.
    Staff app ........ $WEB_URL
    Public catalogue . $WEB_URL/opac
    API reference .... $WEB_URL/api/docs
    Health ........... $WEB_URL/health
    SIP2 (self-check)  127.0.0.1:$SIP2_PORT
  Demo logins (staff):
    admin        / Admin-Demo-2026!        (Administrateur)
    catalogueur  / Catalogue-Demo-2026!    (Catalogueur)
    circulation  / Circulation-Demo-2026!  (Circulation)
  SIP2 kiosk:   borne1 / Borne-Demo-2026!
  Patron (OPAC $WEB_URL/opac/connexion): card C00000001 (Marie Dupont) / Lecteur-Demo-2026!
  Logs: .data/logs/   Stop: Ctrl-C

MSG
wait -n "${pids[@]}"

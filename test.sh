#!/usr/bin/env bash
# Runs the whole MediaBib test suite against real services: a throwaway PostgreSQL cluster (under .data/test),
# Redis, Debian's chromium for the browser tests and a real SMTP server. Installs what is missing (apt, as root).
# Ends with one line "N passed, N failed, N skipped" and exits with the test runner's exit code.
#   usage: ./test.sh [extra dotnet test arguments, e.g. --project tests/MediaBib.Domain.Tests]
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

export MB_DATA_DIR="$ROOT/.data/test"
export MB_PG_PORT="${MB_TEST_PG_PORT:-55433}"
export MB_REDIS_PORT="${MB_TEST_REDIS_PORT:-56380}"
export MB_DB=mediabib_test
# Throwaway data: durability buys nothing here.
export MB_PG_EXTRA_CONF=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
export MB_EXTRA_PACKAGES="chromium poppler-utils python3-aiosmtpd fonts-dejavu-core libfontconfig1 yaz libyaz5"

scripts/ensure-dotnet.sh || exit 1
eval "$(scripts/services.sh start)" || { echo "test.sh: could not start the test services" >&2; exit 1; }
export MB_TEST_PG="$ConnectionStrings__Db"
export MB_TEST_REDIS="${ConnectionStrings__Redis:-}"
export MB_CHROMIUM="${MB_CHROMIUM:-/usr/bin/chromium}"

mkdir -p "$ROOT/.data/test/logs"
log="$ROOT/.data/test/logs/test-$(date +%Y%m%d-%H%M%S).log"

dotnet tool restore >/dev/null
dotnet build MediaBib.sln -c Debug -warnaserror 2>&1 | tail -n 3 | tee "$log"
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" != 0 ]; then
  dotnet build MediaBib.sln -c Debug --no-restore 2>&1 | grep -E "error|warning" | sort -u | head -40
  echo "0 passed, 1 failed, 0 skipped (build failed)"
  exit "$build_rc"
fi

# The model must match the committed migrations.
if ! ConnectionStrings__Db="$MB_TEST_PG" dotnet ef migrations has-pending-model-changes \
      -p MediaBib.Infrastructure -s MediaBib.Infrastructure --no-build >>"$log" 2>&1; then
  echo "The EF model has changes without a migration (dotnet ef migrations add …)." | tee -a "$log"
  echo "0 passed, 1 failed, 0 skipped (pending model changes)"
  exit 1
fi

# With --project/--test-modules the caller picks what to run; otherwise the whole solution.
target=(--solution MediaBib.sln)
case " $* " in *" --project "*|*" --test-modules "*) target=() ;; esac
dotnet test "${target[@]}" --no-build "$@" 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
awk '/^ *failed:/{f+=$2} /^ *succeeded:/{s+=$2} /^ *skipped:/{k+=$2} END{printf "%d passed, %d failed, %d skipped\n",s,f,k}' "$log"
exit "$rc"

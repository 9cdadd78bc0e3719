#!/bin/sh
set -e
case "${1:-web}" in
  web) cd /app/web && exec dotnet MediaBib.Web.dll ;;
  sip2) cd /app/sip2 && exec dotnet MediaBib.Sip2.dll ;;
  import) shift; cd /app/web && exec dotnet MediaBib.Web.dll import "$@" ;;
  *) exec "$@" ;;
esac

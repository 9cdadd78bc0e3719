#!/bin/sh
set -e
case "${1:-web}" in
  web) exec dotnet /app/web/MediaBib.Web.dll ;;
  sip2) exec dotnet /app/sip2/MediaBib.Sip2.dll ;;
  *) exec "$@" ;;
esac

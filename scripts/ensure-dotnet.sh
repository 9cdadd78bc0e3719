#!/usr/bin/env bash
# Checks for the .NET 10 SDK and says how to get it when missing.
set -euo pipefail
if command -v dotnet >/dev/null && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then exit 0; fi
if [ -x "$HOME/.dotnet/dotnet" ] && "$HOME/.dotnet/dotnet" --list-sdks | grep -q '^10\.'; then exit 0; fi
cat >&2 <<'MSG'
The .NET 10 SDK is required. On Debian 12 / Ubuntu:
  curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 && export PATH="$HOME/.dotnet:$PATH"
or install the dotnet-sdk-10.0 package from packages.microsoft.com.
MSG
exit 1

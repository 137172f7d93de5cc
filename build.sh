#!/usr/bin/env bash
# Bootstraps and runs the repository's own Cake build (build/build.cake).
#   ./build.sh                  the main job: pack, build the sample through its local proxy, report
#   ./build.sh --target=Test    the tests
# Any other Cake argument passes through (--target=Pack, --configuration=Debug, --verbosity=diagnostic).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is required: https://dot.net/download" >&2
  exit 1
fi

if ! command -v go >/dev/null 2>&1; then
  if [ "$(uname -s)" = "Linux" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: Go not found; installing golang-go with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
  else
    echo "build.sh: the Go toolchain ('go') is required and was not found on PATH." >&2
    echo "  Debian/Ubuntu: sudo apt-get install golang-go   macOS: brew install go   other: https://go.dev/doc/install" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"

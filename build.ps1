#!/usr/bin/env pwsh
# Bootstraps and runs the repository's own Cake build (build/build.cake).
#   ./build.ps1                  the main job: pack, build the sample through its local proxy, report
#   ./build.ps1 --target=Test    the tests
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "build.ps1: the .NET SDK (dotnet) is required: https://dot.net/download"
    exit 1
}

if (-not (Get-Command go -ErrorAction SilentlyContinue)) {
    Write-Host "build.ps1: the Go toolchain ('go') is required and was not found on PATH." -ForegroundColor Red
    Write-Host "  Windows: winget install GoLang.Go   or   choco install golang" -ForegroundColor Red
    Write-Host "  other:   https://go.dev/doc/install" -ForegroundColor Red
    exit 1
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build/build.cake @args
exit $LASTEXITCODE

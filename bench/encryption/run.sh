#!/usr/bin/env bash
# Encryption at rest (issue 19): what AES-256-GCM in 64 KiB segments costs against a plain copy.
# On one 256 MiB file of random bytes, in turn, RUNS times each after a warm-up:
#   plain copy + SHA-256 (the baseline, measured in the same run), encrypt + SHA-256, decrypt + SHA-256.
# Prints the median MiB/s, the ratio to the baseline, and the bytes allocated (flat with the size).
#   RUNS=5 SIZE_MIB=256 bench/encryption/run.sh
#   WORK=/some/disk bench/encryption/run.sh       files on another disk (default: a temporary folder)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${RUNS:-5}"
size="${SIZE_MIB:-256}"
work="$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/ilobackup-encbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$here/EncryptionBench.csproj" -c Release -o "$work/bin" -nologo -v quiet >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
mkdir -p "$work/data"
dotnet "$work/bin/EncryptionBench.dll" "$work/data" "$size" "$runs"

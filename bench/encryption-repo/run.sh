#!/usr/bin/env bash
# Encryption at rest end to end (issue 19): repository throughput with and without encryption on one large
# backup (an emulated iLO whose backup file is padded to SIZE_MIB, fetched with --max-backup-size).
# In turn, RUNS times each after a warm-up, in the same run:
#   plain      `fleet backup` into a folder repository (the baseline)
#   file       the same through a repository file (SQLite + folder, no key)
#   encrypted  the same through a repository file with encryption-key-file
# and `verify` of each (reads every object back: re-hash, or decrypt + re-hash). Prints the median wall
# time, MiB/s of the backup file and the ratio to the plain run.
#   RUNS=3 SIZE_MIB=256 bench/encryption-repo/run.sh
#   ILOBACKUP_BIN=/path/to/ilobackup bench/encryption-repo/run.sh   another build (default: a Release build's dll)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-3}"
size="${SIZE_MIB:-256}"
work="$(mktemp -d "${WORK:-${TMPDIR:-/tmp}}/ilobackup-encrepo.XXXXXX")"
emu_pid=""
cleanup() { if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "${ILOBACKUP_BIN:-}" ]; then
  cli=("$ILOBACKUP_BIN")
else
  dotnet build "$root/src/IloBackup.Cli/IloBackup.Cli.csproj" -c Release -o "$work/bin" -nologo -v quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
  cli=(dotnet "$work/bin/ilobackup.dll")
fi

pad=$((size * 1024 * 1024))
"${cli[@]}" emulator --port 0 --state-dir "$work/state" --admin-password bench-password-1 --reset-seconds 1 \
  --backup-padding-bytes "$pad" --inventory-out "$work/fleet.yaml" >"$work/emu.log" 2>&1 &
emu_pid=$!
for _ in $(seq 1 1200); do grep -q '^ready' "$work/emu.log" && break; sleep 0.05; done
grep -q '^ready' "$work/emu.log" || { cat "$work/emu.log"; echo "emulator did not start" >&2; exit 1; }

"${cli[@]}" repo key create --out "$work/repo.key" >/dev/null
descriptor() { # descriptor NAME [key]
  mkdir -p "$work/$1"
  { echo "ilobackup-repository: 1"; echo "catalog: sqlite:catalog.db"; echo "objects: file:objects"
    if [ "${2:-}" = key ]; then echo "encryption-key-file: $work/repo.key"; fi; } >"$work/$1/site.yaml"
}

# measure KIND VERB REPO: appends the wall ms of one run to $work/KIND-VERB.times (a fresh repository per backup).
measure() {
  local kind="$1" verb="$2" repo="$3" t0 t1
  t0=$EPOCHREALTIME
  if [ "$verb" = backup ]; then
    "${cli[@]}" fleet backup --inventory "$work/fleet.yaml" --repo "$repo" --max-backup-size 2GiB >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
  else
    "${cli[@]}" verify --repo "$repo" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  fi
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }' >>"$work/$kind-$verb.times"
}
repo_of() { case "$1" in plain) echo "$work/plain/repo" ;; *) echo "$work/$1/site.yaml" ;; esac; }
fresh() { rm -rf "$work/plain" "$work/file" "$work/encrypted"; mkdir -p "$work/plain"; descriptor file; descriptor encrypted key; }

for round in $(seq 0 "$runs"); do
  fresh
  for kind in plain file encrypted; do
    measure "$kind" backup "$(repo_of "$kind")"
    measure "$kind" verify "$(repo_of "$kind")"
  done
  [ "$round" = 0 ] && rm -f "$work"/*.times # the first round warms up
done

median() { sort -n "$work/$1.times" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bytes=$(stat -c %s "$(find "$work/plain/repo/objects" -type f ! -name '*.json' | head -1)")
echo "backup file: $bytes bytes ($size MiB of padding), $runs runs after a warm-up, median wall time"
printf '%-10s %-7s %10s %10s %8s\n' repository verb ms MiB/s ratio
for verb in backup verify; do
  base=$(median "plain-$verb")
  for kind in plain file encrypted; do
    m=$(median "$kind-$verb")
    awk -v k="$kind" -v v="$verb" -v m="$m" -v b="$base" -v n="$bytes" \
      'BEGIN { printf "%-10s %-7s %10.0f %10.1f %8.2f\n", k, v, m, n / 1048576 / (m / 1000), m / b }'
  done
done

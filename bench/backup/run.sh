#!/usr/bin/env bash
# One backup end to end, and large files (issue 7).
#  1. `ilobackup backup --no-snapshot` against one emulated iLO vs the seed's curl flow
#     (bench/fleet/seed-backup.sh) against the same iLO, and the snapshot's extra cost.
#  2. Backup and restore of padded backups (--backup-padding-bytes) of growing size (backup with
#     --max-backup-size 2GiB: the default limit is 64 MiB): wall time and
#     peak RSS of ilobackup, and curl's download time as the baseline: memory must stay flat.
#   RUNS=10 PAD_MIB="0 64 256 1024" bench/backup/run.sh
#   ILOBACKUP_BIN=/path/to/ilobackup PAD_MIB= bench/backup/run.sh   another build (before/after), no large files
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-10}"
pads="${PAD_MIB-0 64 256 1024}"
command -v curl >/dev/null 2>&1 || { echo "missing: curl (apt-get install curl)" >&2; exit 1; }
work="$(mktemp -d)"
emu_pid=""
stop_emulator() { if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; emu_pid=""; fi; }
trap 'stop_emulator; rm -rf "$work"' EXIT
"$root/ilobackup" --version >/dev/null # build once, outside the measurements
mode="$(cat "$root/.build/cli/.mode")"
cli="${ILOBACKUP_BIN:-$root/.build/cli/ilobackup}"
[ -z "${ILOBACKUP_BIN:-}" ] || mode="$ILOBACKUP_BIN"
export ILO_USER=Administrator ILO_PASSWORD=bench-password-1 ILOBACKUP_KNOWN_HOSTS="$work/known_hosts"

start_emulator() { # start_emulator PAD_BYTES -> sets url
  local log="$work/emu.log"
  "$cli" emulator --port 0 --state-dir "$work/state-$1" --admin-password "$ILO_PASSWORD" --reset-seconds 1 \
    --backup-padding-bytes "$1" >"$log" 2>&1 &
  emu_pid=$!
  for _ in $(seq 1 1200); do grep -q '^ready' "$log" && break; sleep 0.05; done
  url="$(grep -o 'ready: .* from https://[0-9.:]*' "$log" | grep -o 'https://[0-9.:]*')" \
    || { cat "$log"; echo "emulator did not start" >&2; exit 1; }
}

# run_once KIND CMD... : appends "wall_ms cpu_ms" of one run to $work/KIND.times; cpu = user + system
# time of the command and every process it started (bash's `times`, read before and after the run).
run_once() {
  local kind="$1" t0 t1; shift
  times >"$work/c0"; t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; echo "failed: $*" >&2; exit 1; }
  t1=$EPOCHREALTIME; times >"$work/c1"
  awk -v a="$t0" -v b="$t1" 'function ms(f,  u) { split(f, u, /[ms]/); return (u[1] * 60 + u[2]) * 1000 }
    FNR == 2 && NR == 2 { c0 = ms($1) + ms($2) } FNR == 2 && NR == 4 { c1 = ms($1) + ms($2) }
    END { printf "%.3f %.1f\n", (b - a) * 1000, c1 - c0 }' "$work/c0" "$work/c1" >>"$work/$kind.times"
}
# summary KIND -> "median_wall_ms mean_cpu_ms"
summary() {
  sort -n "$work/$1.times" | awk '{ w[NR] = $1; c += $2 }
    END { m = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; printf "%.1f %.1f", m, c / NR }'
}

start_emulator 0
mkdir -p "$work/out" "$work/curl"
"$cli" backup "$url" --trust-new --no-snapshot -o "$work/out" --overwrite >/dev/null # pins the certificate
export OUT_DIR="$work/curl"
# One warm-up each, then the three flows in turn, so that a busy moment of the machine hits all alike.
curl_run() { "$root/bench/fleet/seed-backup.sh" "$url"; }
ours_run() { "$cli" backup "$url" --no-snapshot -o "$work/out" --overwrite; }
snap_run() { "$cli" backup "$url" -o "$work/out" --overwrite; }
for flow in curl ours snap; do run_once warm "${flow}_run"; done
for ((i = 0; i < runs; i++)); do
  for flow in curl ours snap; do run_once "$flow" "${flow}_run"; done
done
stop_emulator
read -r curl_ms curl_cpu <<<"$(summary curl)"; read -r ours_ms ours_cpu <<<"$(summary ours)"; read -r snap_ms snap_cpu <<<"$(summary snap)"
printf "One backup end to end, one emulated iLO (loopback, HTTPS), %s build, median of %s interleaved runs\n\n" "$mode" "$runs"
printf "%-44s | %9s | %12s | %9s | %9s\n" flow "ms" "vs curl flow" "CPU ms" "vs curl"
awk -v c="$curl_ms" -v o="$ours_ms" -v s="$snap_ms" -v cc="$curl_cpu" -v oc="$ours_cpu" -v sc="$snap_cpu" 'BEGIN {
  printf "%-44s | %9.1f | %11.2fx | %9.1f | %8.2fx\n", "seed curl flow (4 curl processes)", c, 1, cc, 1
  printf "%-44s | %9.1f | %11.2fx | %9.1f | %8.2fx\n", "ilobackup backup --no-snapshot", o, o / c, oc, oc / cc
  printf "%-44s | %9.1f | %11.2fx | %9.1f | %8.2fx\n", "ilobackup backup (with readable snapshot)", s, s / c, sc, sc / cc
  printf "%-44s | %9.1f | %12s | %9.1f |\n", "  the snapshot costs", s - o, "", sc - oc }'
printf "CPU ms = user + system time of the flow and all its processes (mean). load average: %s\n" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "goal: --no-snapshot no slower than the curl flow (ratio <= 1).\n\n"

printf "Large files: padded backups (--backup-padding-bytes), %s build; peak RSS of the ilobackup process\n\n" "$mode"
printf "%9s | %12s | %10s %9s | %10s %9s | %9s\n" "pad MiB" "file bytes" "backup s" "RSS MiB" "restore s" "RSS MiB" "curl GET s"
for mib in $pads; do
  pad=$((mib * 1024 * 1024))
  start_emulator "$pad"
  rm -rf "$work/big"; mkdir -p "$work/big"
  /usr/bin/time -f "%e %M" -o "$work/b.time" "$cli" backup "$url" --trust-new --no-snapshot -o "$work/big" --max-backup-size 2GiB >/dev/null 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  file="$(find "$work/big" -name '*.bak' | head -1)"
  size=$(stat -c %s "$file")
  /usr/bin/time -f "%e %M" -o "$work/r.time" "$cli" restore "$url" "$file" --yes --poll-interval 0.2s >/dev/null 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  # curl's download of the same file: the transfer's floor (login, create, GET, logout).
  rm -rf "$work/curl"; mkdir -p "$work/curl"
  t0=$EPOCHREALTIME; OUT_DIR="$work/curl" "$root/bench/fleet/seed-backup.sh" "$url"; t1=$EPOCHREALTIME
  stop_emulator
  read -r bs bm <"$work/b.time"; read -r rs rm_ <"$work/r.time"
  awk -v p="$mib" -v z="$size" -v bs="$bs" -v bm="$bm" -v rs="$rs" -v rm="$rm_" -v a="$t0" -v b="$t1" 'BEGIN {
    printf "%9d | %12d | %10.2f %9.1f | %10.2f %9.1f | %9.2f\n", p, z, bs, bm / 1024, rs, rm / 1024, b - a }'
  rm -rf "$work/big" "$work/state-$pad"
done
printf "\nrestore time includes the emulated iLO's reset (--reset-seconds 1) and the wait for it to come back.\n"

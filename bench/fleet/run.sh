#!/usr/bin/env bash
# Fleet backup speed (issue 5, "Speed"): `ilobackup fleet backup` against the baseline an
# administrator would script (the seed's curl flow, one iLO per call, under xargs -P 32), both
# measured in this run against the same emulated fleet with a realistic profile.
#   SIZES="10 100 1000" CONCURRENCY=32 OURS_CONCURRENCY=256 BACKUP_SECONDS=1 LATENCY_MS=20 bench/fleet/run.sh
# Prints per N: wall time, CPU seconds (user+sys) and peak RSS of both, the ratio baseline/ours,
# and the ideal (one iLO's time x N / concurrency) with our distance from it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="${SIZES:-10 100 1000}"
conc="${CONCURRENCY:-32}"          # the baseline's xargs -P
ours_conc="${OURS_CONCURRENCY:-256}" # ours: async sockets, not processes, so it can afford more
read -r -a ours_flags <<< "${OURS_FLAGS:-}" # e.g. OURS_FLAGS=--no-snapshot
backup_seconds="${BACKUP_SECONDS:-1}"
latency="${LATENCY_MS:-20}"
work="$(mktemp -d)"
# The emulator's state (its 1000 iLOs' NAND, certificates): the iLOs stand in for 1000 separate
# machines, whose file writes would not land on this one's disk, so by default it is kept on a
# memory-backed folder. EMU_STATE=disk keeps it beside the client's repository (on disk), as before.
# The client's repository is always on disk ($TMPDIR).
emu_state_mode="${EMU_STATE:-memory}"
emu_state_root="$work"
if [ "$emu_state_mode" = memory ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  emu_state_root="$(mktemp -d /dev/shm/ilobackup-bench-XXXXXX)"
else
  emu_state_mode=disk
fi
emu_pid=""
cleanup() {
  if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  if [ "$emu_state_root" != "$work" ]; then rm -rf "$emu_state_root"; fi
}
trap cleanup EXIT

"$root/ilobackup" --version >/dev/null # build once, outside the measurements
backup_flag=(--backup-seconds "$backup_seconds")
if ! "$root/ilobackup" emulator --help | grep -q -- --backup-seconds; then
  echo "note: this emulator has no --backup-seconds: backups are created instantly" >&2
  backup_flag=()
fi
export ILO_USER=Administrator ILO_PASSWORD=bench-password-1 ILOBACKUP_KNOWN_HOSTS="$work/known_hosts"

emu_cpu() { # CPU seconds (user+sys) the emulator process has used so far
  awk -v t="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / t}' "/proc/$emu_pid/stat"
}

measure() { # measure OUTFILE cmd... -> "wall cpu maxrss_kb" in OUTFILE
  local out="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" >"$out.stdout" 2>"$out.stderr" || true
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$out.time" >"$out"
}

printf "%6s | %9s %8s %8s %8s | %9s %8s %8s %8s | %7s | %9s %8s\n" \
  N "ours s" "cpu s" "MiB" "emu cpu" "curl s" "cpu s" "MiB" "emu cpu" "speedup" "ideal s" "ours/id"
for n in $sizes; do
  dir="$work/n$n"; mkdir -p "$dir/curl-out"
  "$root/ilobackup" emulator --count "$n" --port 0 "${backup_flag[@]}" --latency-ms "$latency" \
    --reset-seconds 1 --admin-user "$ILO_USER" --admin-password "$ILO_PASSWORD" --state-dir "$emu_state_root/n$n-state" \
    --inventory-out "$dir/fleet.yaml" >"$dir/emulator.log" 2>&1 &
  emu_pid=$!
  for _ in $(seq 1 600); do grep -q ready "$dir/emulator.log" 2>/dev/null && break; sleep 0.2; done
  grep -q ready "$dir/emulator.log" || { cat "$dir/emulator.log"; echo "emulator did not start" >&2; exit 1; }
  grep -E '^  - host:' "$dir/fleet.yaml" | awk '{print $3}' | tr -d '"' >"$dir/hosts.txt"
  # One iLO alone: the unit of the ideal.
  awk 'BEGIN{h=0} /^  - host:/{h++} h<=1{print}' "$dir/fleet.yaml" >"$dir/one.yaml"
  # Five times, the median: a single run on a shared machine moves the ideal by ±15%.
  for i in 1 2 3 4 5; do
    measure "$dir/one$i" "$root/ilobackup" fleet backup --inventory "$dir/one.yaml" --repo "$dir/repo-one" --json "${ours_flags[@]}"
    grep -o '"durationSeconds": [0-9.]*' "$dir/one$i.stdout" | tail -1 | awk '{print $2}' >>"$dir/one-times"
  done
  e0=$(emu_cpu)
  measure "$dir/ours" "$root/ilobackup" fleet backup --inventory "$dir/fleet.yaml" --repo "$dir/repo" --json --concurrency "$ours_conc" "${ours_flags[@]}"
  e1=$(emu_cpu)
  OUT_DIR="$dir/curl-out" measure "$dir/curl" xargs -P "$conc" -n 1 "$here/seed-backup.sh" <"$dir/hosts.txt"
  e2=$(emu_cpu)
  emu_ours=$(awk -v a="$e0" -v b="$e1" 'BEGIN{printf "%.2f", b - a}')
  emu_curl=$(awk -v a="$e1" -v b="$e2" 'BEGIN{printf "%.2f", b - a}')
  ok_ours=$(grep -o '"succeeded": [0-9]*' "$dir/ours.stdout" | head -1 | awk '{print $2}')
  ok_curl=$(find "$dir/curl-out" -type f | wc -l)
  kill "$emu_pid"; wait "$emu_pid" 2>/dev/null || true; emu_pid=""
  read -r ow oc om <"$dir/ours"; read -r cw cc cm <"$dir/curl"
  # One iLO's time: how long the runner spent on it (login, create, download, snapshot, logout), without process start.
  one=$(sort -n "$dir/one-times" | sed -n 3p)
  awk -v n="$n" -v c="$ours_conc" -v ow="$ow" -v oc="$oc" -v om="$om" -v cw="$cw" -v cc="$cc" -v cm="$cm" -v one="$one" \
    -v okO="${ok_ours:-0}" -v okC="$ok_curl" -v eo="$emu_ours" -v ec="$emu_curl" 'BEGIN {
      ideal = one * n / c; if (ideal < one) ideal = one;
      printf "%6d | %9.2f %8.2f %8.0f %8.2f | %9.2f %8.2f %8.0f %8.2f | %6.2fx | %9.2f %7.2fx   (ok: ours %d, curl %d)\n",
        n, ow, oc, om / 1024, eo, cw, cc, cm / 1024, ec, cw / ow, ideal, ow / ideal, okO, okC }'
done
echo "speedup = curl wall / ours wall; ideal = one iLO's time (ours, N=1, median of 5, inside the run) x N / $ours_conc (at least one iLO's time);"
echo "ours: --concurrency $ours_conc ${ours_flags[*]:-}; baseline: xargs -P $conc; emulator: --latency-ms $latency ${backup_flag[*]:-}, its state in $emu_state_mode (EMU_STATE=memory|disk); repositories on disk"
echo "ours/id = distance from the ideal (process start included); MiB = peak RSS (curl: largest single process)"
echo "cpu s = the client's CPU (user+sys); emu cpu = the emulator's CPU during that run (they share the machine's cores)"

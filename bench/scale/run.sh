#!/usr/bin/env bash
# Emulator scale (issue 7): start time and memory of one process hosting 1, 100 and 1000 iLOs.
# Each size is started twice on the same state directory: the first start makes state and
# certificates; the second is the one the goal is about (state and certificates exist).
#   SIZES="1 100 1000" bench/scale/run.sh
# Prints: time to the `ready` line, RSS when ready, and the ratio to the goal (3 s, 250 MB at 1000).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="${SIZES:-1 100 1000}"
work="$(mktemp -d)"
emu_pid=""
cleanup() {
  if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$root/ilobackup" --version >/dev/null # build once, outside the measurements
mode="$(cat "$root/.build/cli/.mode")"

# start N STATE -> "seconds_to_ready rss_mb"; the emulator is stopped afterwards
start() {
  local n="$1" state="$2" log="$work/emu.log" t0 t1 rss
  t0=$EPOCHREALTIME
  "$root/.build/cli/ilobackup" emulator --count "$n" --port 0 --state-dir "$state" --admin-password bench-password-1 >"$log" 2>&1 &
  emu_pid=$!
  for _ in $(seq 1 6000); do grep -q '^ready' "$log" && break; kill -0 "$emu_pid" 2>/dev/null || break; sleep 0.005; done
  t1=$EPOCHREALTIME
  grep -q '^ready' "$log" || { cat "$log"; echo "emulator did not start" >&2; exit 1; }
  rss=$(awk '/VmRSS/{print $2}' "/proc/$emu_pid/status")
  kill "$emu_pid"; wait "$emu_pid" 2>/dev/null || true; emu_pid=""
  awk -v a="$t0" -v b="$t1" -v r="$rss" 'BEGIN { printf "%.2f %.0f\n", b - a, r / 1024 }'
}

printf "ilobackup emulator (%s build), --port 0, one process; wall time to the ready line\n\n" "$mode"
printf "%6s | %12s | %12s %8s | %10s | %9s\n" iLOs "first start" "later start" "RSS MB" "MB per iLO" "vs goal"
base=""
for n in $sizes; do
  read -r first _ <<<"$(start "$n" "$work/state-$n")"
  read -r later rss <<<"$(start "$n" "$work/state-$n")"
  [ -n "$base" ] || base="$rss"
  awk -v n="$n" -v f="$first" -v l="$later" -v r="$rss" -v b="$base" 'BEGIN {
    per = (n > 1) ? sprintf("%.3f", (r - b) / (n - 1)) : "-"
    goal = (n == 1000) ? sprintf("%.0f%% / %.0f%%", 100 * l / 3, 100 * r / 250) : "-"
    printf "%6d | %10.2f s | %10.2f s %8.0f | %10s | %9s\n", n, f, l, r, per, goal }'
  rm -rf "$work/state-$n"
done
printf "\ngoal: 1000 iLOs ready in under 3 s (later start) using under 250 MB; vs goal = time%% / memory%% of it.\n"

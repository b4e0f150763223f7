#!/usr/bin/env bash
# S3 vs folder (issue 19, "Speed"): the same 1000-iLO fleet backup through the engine into a folder repository
# (the baseline) and into a repository whose objects are in S3 (npm's s3rver on 127.0.0.1, SQLite catalog in
# both), measured in this run; then one large file (BIG_MIB, default 256) put and re-hashed through each store,
# with the process's peak working set (memory flat with the file size: streaming).
#   N=1000 CONCURRENCY=64 BACKUP_SECONDS=0 LATENCY_MS=0 BIG_MIB=256 bench/s3-vs-folder/run.sh
# Needs node and s3rver 3.7.1 in $ILOBACKUP_S3RVER_DIR or ~/.cache/ilobackup-tests/s3rver (.ci/run installs it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-1000}"; export CONCURRENCY="${CONCURRENCY:-64}"
big="${BIG_MIB:-256}"
s3dir="${ILOBACKUP_S3RVER_DIR:-$HOME/.cache/ilobackup-tests/s3rver}"
[ -f "$s3dir/node_modules/s3rver/bin/s3rver.js" ] || { echo "s3rver is not in $s3dir (npm install --prefix $s3dir s3rver@3.7.1)" >&2; exit 1; }
work="$(mktemp -d)"; emu_pid=""; s3_pid=""
cleanup() {
  for p in $emu_pid $s3_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release "$root/src/IloBackup.Cli" >/dev/null
dotnet build -c Release "$here/S3VsFolder.csproj" >/dev/null
cli="$root/src/IloBackup.Cli/bin/Release/net10.0/ilobackup.dll"
bench="$here/bin/Release/net10.0/S3VsFolder.dll"
export ILO_USER=Administrator ILO_PASSWORD=bench-password-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/s3data"
node "$s3dir/node_modules/s3rver/bin/s3rver.js" --address 127.0.0.1 --port "$port" --directory "$work/s3data" --silent \
  --configure-bucket fleet --configure-bucket big >"$work/s3rver.log" 2>&1 &
s3_pid=$!
endpoint="http://127.0.0.1:$port/"

dotnet "$cli" emulator --count "$n" --port 0 --backup-seconds "${BACKUP_SECONDS:-0}" --latency-ms "${LATENCY_MS:-0}" \
  --admin-user "$ILO_USER" --admin-password "$ILO_PASSWORD" --state-dir "$work/emu-state" \
  --inventory-out "$work/fleet.yaml" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 1 900); do grep -q ready "$work/emulator.log" 2>/dev/null && break; sleep 0.2; done
grep -q ready "$work/emulator.log" || { cat "$work/emulator.log"; echo "emulator did not start" >&2; exit 1; }

measure() { # label cmd... -> prints the program's line and CPU seconds (user+sys)
  local label="$1"; shift
  /usr/bin/time -f "%U %S" -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err" || { cat "$work/$label.err" >&2; exit 1; }
  printf "%s; cpu %.1f s\n" "$(cat "$work/$label.out")" "$(awk '{print $1 + $2}' "$work/$label.time")"
}
wall() { sed -n 's/^[a-z]* [a-z0-9]*: \([0-9.]*\) s.*/\1/p' "$work/$1.out"; }

echo "== $n-iLO fleet backup, concurrency $CONCURRENCY (SQLite catalog in both) =="
measure folder dotnet "$bench" fleet folder "$work/fleet.yaml" "$work/repo-folder"
measure s3 dotnet "$bench" fleet s3 "$work/fleet.yaml" "$work/repo-s3" "$endpoint" fleet
awk -v f="$(wall folder)" -v s="$(wall s3)" 'BEGIN { printf "ratio s3/folder (wall): %.2f\n", s / f }'
echo "== one ${big} MiB file through each store (put, then re-hash by streaming) =="
measure big-folder dotnet "$bench" big folder "$big" "$work/repo-big-folder"
measure big-s3 dotnet "$bench" big s3 "$big" "$work/repo-big-s3" "$endpoint" big

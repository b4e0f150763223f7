#!/usr/bin/env bash
# Slow bodies (issue 14): N anonymous logins that announce 1 MB and trickle it, against a
# 2-iLO emulator; prints the emulator's peak memory (RSS) and the latency of ordinary requests
# (GET /redfish/v1/ on each iLO) during the attack.   N=1500 SECONDS_=30 bench/slow-bodies/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-1500}"; secs="${SECONDS_:-30}"; port="${PORT:-19443}"
work="$(mktemp -d)"
dll="$root/src/IloBackup.Cli/bin/Debug/net10.0/ilobackup.dll"
[[ -f "$dll" ]] || dotnet build "$root/src/IloBackup.Cli" -nologo -v quiet >/dev/null
dotnet "$dll" emulator --count 2 --port "$port" --state-dir "$work/state" >"$work/emulator.log" 2>&1 &
emu=$!
trap 'kill "$emu" 2>/dev/null || true; wait "$emu" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q ready "$work/emulator.log" 2>/dev/null && break; sleep 0.2; done
python3 "$here/attack.py" "$emu" "$port" "$n" "$secs"

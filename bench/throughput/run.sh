#!/usr/bin/env bash
# Emulator throughput (issue 7): wrk against one emulated iLO and, in the same run, against a bare
# Kestrel endpoint (bench/bare-kestrel) answering the same bytes over the same TLS certificate:
# the limit of this machine. Prints requests/s and p99 of both and the ratio emulator/bare.
#   DURATION=5 CONNECTIONS=16 bench/throughput/run.sh
#   ILOBACKUP_BIN=/path/to/ilobackup bench/throughput/run.sh   measures another build (before/after)
# Loopback only; every run is bounded by DURATION; stops its servers on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${DURATION:-5}"
conns="${CONNECTIONS:-16}"
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } || true
command -v wrk >/dev/null 2>&1 || { echo "missing: wrk (Debian package wrk: apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "missing: curl (apt-get install curl)" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/ilobackup" --version >/dev/null # build once, outside the measurements
dotnet build "$here/../bare-kestrel/BareKestrel.csproj" -c Release -o "$work/bare" -nologo -v quiet >"$work/bare-build.log" 2>&1 \
  || { cat "$work/bare-build.log"; exit 1; }

password=bench-password-1
emu_bin="${ILOBACKUP_BIN:-$root/.build/cli/ilobackup}"
"$emu_bin" emulator --port 0 --state-dir "$work/state" --admin-password "$password" >"$work/emu.log" 2>&1 &
emu_pid=$!
pids+=("$emu_pid")
for _ in $(seq 1 150); do grep -q '^ready' "$work/emu.log" && break; sleep 0.1; done
url="$(grep -o 'ready: .* from https://[0-9.:]*' "$work/emu.log" | grep -o 'https://[0-9.:]*')" \
  || { cat "$work/emu.log"; echo "emulator did not start" >&2; exit 1; }
emu_mode="$(cat "$root/.build/cli/.mode" 2>/dev/null || echo '?')"
[ -z "${ILOBACKUP_BIN:-}" ] || emu_mode="$ILOBACKUP_BIN"

login_json="{\"UserName\":\"Administrator\",\"Password\":\"$password\"}"
sessions=/redfish/v1/SessionService/Sessions/
curl -sk -D "$work/login.h" -o "$work/login.json" -H 'Content-Type: application/json' -d "$login_json" "$url$sessions"
token="$(awk -F': ' 'tolower($1)=="x-auth-token"{print $2}' "$work/login.h" | tr -d '\r')"
location="$(awk -F': ' 'tolower($1)=="location"{print $2}' "$work/login.h" | tr -d '\r' | sed 's#^https\?://[^/]*##')"
root_path=/redfish/v1/
mgr_path=/redfish/v1/Managers/1/
brs_path='/redfish/v1/Managers/1/BackupRestoreService/?$select=BackupFiles,HttpPushUri'
curl -sk -o "$work/root.json" "$url$root_path"
curl -sk -o "$work/mgr.json" -H "X-Auth-Token: $token" "$url$mgr_path"
curl -sk -o "$work/brs.json" -H "X-Auth-Token: $token" "$url$brs_path"
# A second session, logged out, gives the logout answer's bytes.
curl -sk -D "$work/l2.h" -o /dev/null -H 'Content-Type: application/json' -d "$login_json" "$url$sessions"
t2="$(awk -F': ' 'tolower($1)=="x-auth-token"{print $2}' "$work/l2.h" | tr -d '\r')"
l2="$(awk -F': ' 'tolower($1)=="location"{print $2}' "$work/l2.h" | tr -d '\r' | sed 's#^https\?://[^/]*##')"
curl -sk -o "$work/logout.json" -X DELETE -H "X-Auth-Token: $t2" "$url$l2"

bare_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cert="$work/state/ilo-0/certificate.pem"; key="$work/state/ilo-0/certificate.key"
"$work/bare/BareKestrel" "$bare_port" "$cert" "$key" \
  "GET $root_path 200 $work/root.json" "GET $mgr_path 200 $work/mgr.json" \
  "GET /redfish/v1/Managers/1/BackupRestoreService/ 200 $work/brs.json" \
  "POST $sessions 201 $work/login.json Location: ${sessions}bare/" \
  "DELETE ${sessions}bare/ 200 $work/logout.json" >"$work/bare.log" 2>&1 &
bare_pid=$!
pids+=("$bare_pid")
for _ in $(seq 1 100); do grep -q '^ready' "$work/bare.log" && break; sleep 0.1; done
grep -q '^ready' "$work/bare.log" || { cat "$work/bare.log"; echo "bare endpoint did not start" >&2; exit 1; }
bare="https://127.0.0.1:$bare_port"

# cpu_ticks PID -> user + system CPU time of the process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_s="$(getconf CLK_TCK)"

# run_wrk NAME PID URL [wrk args...] -> "rps p99ms errors cpu_us_per_request"
# CPU time per request (of the server process PID) hardly depends on what else runs on the machine,
# unlike requests/s: it is the steadier figure when the cores are shared.
run_wrk() {
  local out="$work/$1.wrk"; shift
  local pid="$1"; shift
  local target="$1"; shift
  local t0 t1
  t0="$(cpu_ticks "$pid")"
  wrk -t1 -c"$conns" -d"${duration}s" --latency "$@" "$target" >"$out" 2>&1 || true
  t1="$(cpu_ticks "$pid")"
  awk -v ticks="$((t1 - t0))" -v hz="$ticks_per_s" '
    /Requests\/sec:/ { rps = $2 }
    / requests in / { n = $1 }
    /^ +99%/ { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v)
               p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
    /Non-2xx/ { bad += $NF } /Socket errors/ { bad += 1 }
    END { printf "%s %s %d %.1f\n", rps + 0, p99 + 0, bad, (n > 0 ? ticks * 1e6 / hz / n : 0) }' "$out"
}

# Warm-up, not measured: the bare endpoint is a JIT build, whose first seconds compile and tier up.
for target in "$bare$root_path" "$bare$mgr_path" "$url$root_path"; do wrk -t1 -c"$conns" -d2s "$target" >/dev/null 2>&1 || true; done
wrk -t1 -c"$conns" -d2s -H "X-Auth-Token: $token" "$url$mgr_path" >/dev/null 2>&1 || true

printf "emulator: %s build of ilobackup; wrk -t1 -c%s -d%ss, HTTPS keep-alive, loopback\n\n" "$emu_mode" "$conns" "$duration"
printf "%-30s | %10s %9s %8s | %10s %9s %8s | %7s %7s %7s\n" case "emu req/s" "p99 ms" "CPU us" "bare req/s" "p99 ms" "CPU us" ratio "CPU" errors
row() {
  local name="$1" e b
  read -r er ep ee ec <<<"$2"; read -r br bp be bc <<<"$3"
  awk -v n="$name" -v er="$er" -v ep="$ep" -v ec="$ec" -v br="$br" -v bp="$bp" -v bc="$bc" -v ee="$ee" -v be="$be" 'BEGIN {
    printf "%-30s | %10.0f %9.2f %8.1f | %10.0f %9.2f %8.1f | %6.0f%% %6.0f%% %7d\n", n, er, ep, ec, br, bp, bc,
      (br > 0 ? 100 * er / br : 0), (ec > 0 ? 100 * bc / ec : 0), ee + be }'
}
row "service root (no auth)" "$(run_wrk e-root "$emu_pid" "$url$root_path")" "$(run_wrk b-root "$bare_pid" "$bare$root_path")"
row "Managers/1 (X-Auth-Token)" "$(run_wrk e-mgr "$emu_pid" "$url$mgr_path" -H "X-Auth-Token: $token")" "$(run_wrk b-mgr "$bare_pid" "$bare$mgr_path")"
row "BackupRestoreService \$select" "$(run_wrk e-brs "$emu_pid" "$url$brs_path" -H "X-Auth-Token: $token")" \
  "$(run_wrk b-brs "$bare_pid" "$bare/redfish/v1/Managers/1/BackupRestoreService/")"
export LOGIN_BODY="$login_json"
row "login + logout (2 requests)" "$(run_wrk e-login "$emu_pid" "$url" -s "$here/login-logout.lua")" "$(run_wrk b-login "$bare_pid" "$bare" -s "$here/login-logout.lua")"
printf "\ngoal: root and Managers/1 at >= 60%% of bare (ratio = emu req/s / bare req/s).\n"
printf "CPU us = server CPU time per request (user + system, from /proc); CPU = bare CPU us / emu CPU us, the same\n"
printf "ratio measured by cost instead of rate, steadier when the machine is busy. load average at the end: %s\n" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "errors = non-2xx answers + socket errors (should be 0).\n"
curl -sk -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$url$location" || true

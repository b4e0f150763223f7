#!/usr/bin/env bash
# Runners (issue 20, "Speed"): 4 `fleet backup` runner processes against 1, in the same run, on one machine: a fleet of
# N emulated iLOs answering with LATENCY_MS added to every answer and BACKUP_SECONDS to create a backup file, so that
# latency, not the 2 CPU cores, sets the ideal. Each side has its own PostgreSQL database and s3rver bucket (both start
# empty). The 4 runners split the fleet in quarters (one runner per site) and, with OVERLAP=1, each also lists the next
# runner's quarter (every iLO listed twice: leases decide). Prints each wall time, the ideal split (1 runner / 4), the
# ratio (goal: 4 runners within 1.3x of the ideal split), each runner's lease wait (time spent taking leases in the
# catalog: contention) and peak memory (max RSS) per runner.
#   N=2000 CONCURRENCY=64 LATENCY_MS=200 BACKUP_SECONDS=2 OVERLAP=0 bench/runners/run.sh
# Needs Debian's PostgreSQL (apt-get install postgresql) and s3rver 3.7.1 (.ci/run installs both).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-2000}" concurrency="${CONCURRENCY:-64}" overlap="${OVERLAP:-0}"
s3dir="${ILOBACKUP_S3RVER_DIR:-$HOME/.cache/ilobackup-tests/s3rver}"
[ -f "$s3dir/node_modules/s3rver/bin/s3rver.js" ] || { echo "s3rver is not in $s3dir (npm install --prefix $s3dir s3rver@3.7.1)" >&2; exit 1; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
work="$(mktemp -d /tmp/ilobackup-runners-XXXXXX)"; chmod 755 "$work"
as_pg=(); [ "$(id -u)" = "0" ] && as_pg=(runuser -u postgres --)
emu_pid=""; s3_pid=""
cleanup() {
  for p in $emu_pid $s3_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ -f "$work/pg/data/postmaster.pid" ]; then "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cpu_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat; } # busy idle (all cores)
busy_share() { # "busy idle" before, after -> percent of the machine's CPU that was busy
  python3 -c "import sys; b0,i0,b1,i1=map(float,sys.argv[1:]); print(f'{100*(b1-b0)/max(1,(b1-b0)+(i1-i0)):.0f}%')" $1 $2; }
proc_cpu() { # pid... -> CPU seconds (user+system, children reaped included)
  python3 - "$@" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK"); total = 0
for pid in sys.argv[1:]:
    try: f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError: continue
    total += sum(int(x) for x in f[11:15])
print(f"{total / hz:.1f}")
PY
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build -c Release "$root/src/IloBackup.Cli" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cli="$root/src/IloBackup.Cli/bin/Release/net10.0/ilobackup.dll"
export ILO_USER=Administrator ILO_PASSWORD=bench-password-1

# PostgreSQL, as installed but for the port and socket.
mkdir -p "$work/pg"; od -An -tx8 -N16 /dev/urandom | tr -d ' \n' >"$work/pg/password"; echo >>"$work/pg/password"
[ ${#as_pg[@]} -eq 0 ] || chown -R postgres:postgres "$work/pg"
pgport=$(free_port)
"${as_pg[@]}" "$bin/initdb" -D "$work/pg/data" -U postgres --pwfile "$work/pg/password" -E UTF8 --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg" start >/dev/null
for db in one four; do "${as_pg[@]}" "$bin/psql" -h "$work/pg" -p "$pgport" -U postgres -qc "CREATE DATABASE $db;" >/dev/null; done

s3port=$(free_port); mkdir -p "$work/s3data"
node "$s3dir/node_modules/s3rver/bin/s3rver.js" --address 127.0.0.1 --port "$s3port" --directory "$work/s3data" --silent \
  --configure-bucket one --configure-bucket four >"$work/s3rver.log" 2>&1 &
s3_pid=$!
printf '[default]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n' >"$work/s3.credentials"
for side in one four; do
  cat >"$work/$side.yaml" <<YAML
ilobackup-repository: 1
catalog: postgresql://postgres@127.0.0.1:$pgport/$side?password_file=$work/pg/password
objects: s3://$side/repo/
s3-endpoint: http://127.0.0.1:$s3port
s3-path-style: true
s3-credentials-file: $work/s3.credentials
YAML
done

dotnet "$cli" emulator --count "$n" --port 0 --backup-seconds "${BACKUP_SECONDS:-2}" --latency-ms "${LATENCY_MS:-200}" \
  --admin-user "$ILO_USER" --admin-password "$ILO_PASSWORD" --state-dir "$work/emu-state" \
  --inventory-out "$work/fleet.yaml" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 1 1500); do grep -q ready "$work/emulator.log" 2>/dev/null && break; sleep 0.2; done
grep -q ready "$work/emulator.log" || { cat "$work/emulator.log"; echo "emulator did not start" >&2; exit 1; }

# The quarters, as --limit lists of serials (OVERLAP=1: a runner's own quarter and the next one).
python3 - "$work/fleet.yaml" "$overlap" "$work" <<'PY'
import sys, re
serials = re.findall(r'^\s+serial:\s*"?([^"\n]+)"?', open(sys.argv[1]).read(), re.M)
q = [serials[i::4] for i in range(4)]
for i in range(4):
    mine = q[i] + (q[(i + 1) % 4] if sys.argv[2] == "1" else [])
    open(f"{sys.argv[3]}/limit{i}", "w").write(",".join(mine))
PY

runner() { # side name run limitfile -> JSON in $work/NAME.json, "wall_s max_rss_kb" in $work/NAME.time
  local side="$1" name="$2" run="$3" limit="$4"
  local args=(fleet backup --inventory "$work/fleet.yaml" --repo "$work/$side.yaml" --runner "$name" --run-id "$run"
    --concurrency "$concurrency" --json)
  [ -z "$limit" ] || args+=(--limit "$(cat "$limit")")
  /usr/bin/time -f "%U %S %e %M" -o "$work/$name.time" dotnet "$cli" "${args[@]}" >"$work/$name.json" 2>"$work/$name.err" \
    || echo "runner $name: exit $? ($(tail -n 1 "$work/$name.err"))" >&2
}
report() { # name -> one line
  python3 - "$work/$1.json" "$work/$1.time" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); user, system, wall, rss = open(sys.argv[2]).read().split()[-4:]
s, who = r["summary"], r.get("runner", {})
print(f"  {sys.argv[3]}: {float(wall):.1f} s wall, {s['succeeded']} backed up, {s['taken']} taken by others, {s['failed']} failed, "
      f"lease wait {who.get('leaseWaitMs', 0) / 1000:.2f} s over {who.get('leasesTaken', 0)} leases, peak memory {int(rss) / 1024:.0f} MiB, cpu {float(user) + float(system):.0f} s")
reasons = {}
for h in r["hosts"]:
    if h["status"] == "failed":
        reasons[h.get("reason", "?")[:150]] = reasons.get(h.get("reason", "?")[:150], 0) + 1
for why, count in sorted(reasons.items(), key=lambda x: -x[1])[:3]:
    print(f"    failed x{count}: {why}")
PY
}

echo "== $n iLOs, latency ${LATENCY_MS:-200} ms, backup ${BACKUP_SECONDS:-2} s, concurrency $concurrency per runner, overlap $overlap =="
pg_pid() { head -n 1 "$work/pg/data/postmaster.pid"; }
others() { echo "emulator $(proc_cpu $emu_pid) s, PostgreSQL $(proc_cpu $(pg_pid) $(pgrep -P "$(pg_pid)" | tr '\n' ' ')) s, s3rver $(proc_cpu $s3_pid) s"; }
before_others="$(others)"; c0=$(cpu_ticks)
start=$(date +%s.%N); runner one solo R1 ""; end=$(date +%s.%N)
one=$(python3 -c "print($end - $start)"); c1=$(cpu_ticks)
echo "1 runner: $(printf %.1f "$one") s, machine CPU busy $(busy_share "$c0" "$c1")"; report solo
echo "  CPU so far (cumulative): $(others) (before: $before_others)"
start=$(date +%s.%N)
pids=()
for i in 0 1 2 3; do runner four "site$i" R1 "$work/limit$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
end=$(date +%s.%N)
four=$(python3 -c "print($end - $start)"); c2=$(cpu_ticks)
echo "4 runners: $(printf %.1f "$four") s, machine CPU busy $(busy_share "$c1" "$c2")"; echo "  CPU so far (cumulative): $(others)"; for i in 0 1 2 3; do report "site$i"; done
python3 -c "
one, four = $one, $four
ideal = one / 4
print(f'ideal split (1 runner / 4): {ideal:.1f} s; 4 runners / ideal: {four / ideal:.2f} (goal <= 1.30)')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes included)"
"${as_pg[@]}" "$bin/psql" -h "$work/pg" -p "$pgport" -U postgres -d four -Atc \
  "SELECT 'rows per serial in the 4-runner run: max ' || max(c) || ', serials ' || count(*) FROM (SELECT count(*) c FROM backups WHERE run_id = 'R1' GROUP BY upper(serial)) x;"

#!/usr/bin/env bash
# Issue 6: a fleet of emulated iLOs, 10% of them faulty (profile.json: every fault kind on 1% of
# the fleet, seeded), backed up by `ilobackup fleet backup` over loopback HTTPS. Prints the outcome
# counts by reason, the wall time, the sessions left open on the iLOs (goal 0), the faults that
# hit, and the repository's verify result.
#   COUNT=1000 CONCURRENCY=128 DEADLINE=30s bench/faulty-fleet/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${COUNT:-1000}"
conc="${CONCURRENCY:-128}"
deadline="${DEADLINE:-30s}"
profile="${PROFILE:-$here/profile.json}"
work="$(mktemp -d)"
emu_pid=""
cleanup() {
  if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$root/ilobackup" --version >/dev/null # build once, outside the measurement
export ILO_USER=Administrator ILO_PASSWORD=faulty-fleet-pw ILOBACKUP_KNOWN_HOSTS="$work/known_hosts"
"$root/ilobackup" emulator --count "$count" --port 0 --profile "$profile" \
  --admin-user "$ILO_USER" --admin-password "$ILO_PASSWORD" --state-dir "$work/state" \
  --inventory-out "$work/fleet.yaml" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 1 600); do grep -q ready "$work/emulator.log" 2>/dev/null && break; sleep 0.2; done
grep -q ready "$work/emulator.log" || { cat "$work/emulator.log"; echo "emulator did not start" >&2; exit 1; }
control="$(grep -o 'control http://[0-9.:]*' "$work/emulator.log" | awk '{print $2}')"
# The control API needs the secret the ready line points at. It goes to curl through a 0600 header
# file (-H @file), never on a command line, where /proc/<pid>/cmdline would show it.
secret_file="$(grep -o 'control-secret-file [^,]*' "$work/emulator.log" | cut -d' ' -f2-)"
(umask 077; printf 'Authorization: Bearer %s\n' "$(cat "$secret_file")" >"$work/control-auth")

start=$(date +%s.%N)
set +e
timeout 900 "$root/ilobackup" fleet backup --inventory "$work/fleet.yaml" --repo "$work/repo" --json --no-snapshot \
  --concurrency "$conc" --deadline "$deadline" >"$work/report.json" 2>"$work/fleet.stderr"
fleet_exit=$?
set -e
end=$(date +%s.%N)

# Sessions still open on the iLOs right after the run, and the faults that hit.
curl -sSf -H @"$work/control-auth" "$control/ilos" >"$work/ilos.json"
"$root/ilobackup" verify --repo "$work/repo" >"$work/verify.txt" 2>&1 && verify_exit=0 || verify_exit=$?

python3 - "$work/report.json" "$work/ilos.json" "$start" "$end" "$fleet_exit" "$verify_exit" "$work/verify.txt" "$deadline" <<'PY'
import json, re, sys, collections
report = json.load(open(sys.argv[1])); ilos = json.load(open(sys.argv[2]))
start, end, fleet_exit, verify_exit = float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
hosts = report.get("hosts", report.get("results", []))
def norm(reason):
    r = re.sub(r"https?://[0-9.:]+:? ?", "", reason or "")
    r = re.sub(r"HPE_[A-Z0-9]+_[0-9_]+\.bak", "<file>", r)
    r = re.sub(r"\d+", "N", r)
    return r[:150]
counts = collections.Counter()
for h in hosts:
    counts[(h["status"], norm(h.get("reason")) if h["status"] == "failed" else "")] += 1
print(f"iLOs: {len(hosts)}   wall time: {end - start:.1f} s   fleet exit code: {fleet_exit}")
for (status, reason), n in sorted(counts.items(), key=lambda p: (-p[1], p[0])):
    print(f"  {n:5d}  {status}{'  ' + reason if reason else ''}")
slowest = max((h.get("durationSeconds", 0) for h in hosts), default=0)
print(f"slowest iLO: {slowest:.1f} s (deadline {sys.argv[8]})")
print(f"sessions left open on the iLOs: {sum(i['sessions'] for i in ilos)}")
print(f"faults that hit: {sum(i.get('faultHits', 0) for i in ilos)} on {sum(1 for i in ilos if i.get('faultHits', 0) > 0)} iLOs")
print(f"repository verify: exit {verify_exit} ({open(sys.argv[7]).read().strip().splitlines()[-1] if open(sys.argv[7]).read().strip() else ''})")
PY

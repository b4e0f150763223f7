#!/usr/bin/env bash
# CLI start-up (issue 7): wall time of `ilobackup --version` and `--help` (Native AOT build, and the
# JIT build for reference) against, in the same run, the smallest .NET console program built the
# same way (bench/startup/hello, Native AOT) and HPE's iLOrest (`ilorest --help`).
#   RUNS=30 bench/startup/run.sh        prints the mean and median of RUNS runs of each
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/ilobackup" --version >/dev/null # builds the launcher's build once, outside the measurements
mode="$(cat "$root/.build/cli/.mode")"
rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
echo "building the reference programs (not timed)..." >&2
dotnet publish "$here/hello/Hello.csproj" -c Release -r "$rid" -o "$work/hello" -nologo -v quiet >"$work/hello.log" 2>&1 \
  || { tail -20 "$work/hello.log"; echo "could not publish the AOT hello program" >&2; exit 1; }
dotnet build "$root/src/IloBackup.Cli/IloBackup.Cli.csproj" -c Release -o "$work/jit" -nologo -v quiet >"$work/jit.log" 2>&1 \
  || { tail -20 "$work/jit.log"; echo "could not build the JIT CLI" >&2; exit 1; }
ilorest_cmd=()
if command -v ilorest >/dev/null 2>&1; then ilorest_cmd=(ilorest --help)
else echo "note: ilorest is missing (Debian package ilorest): its row is skipped" >&2; fi

# measure CMD... -> "mean_ms median_ms" over $runs runs (after one warm-up run)
measure() {
  "$@" >/dev/null 2>&1 || true
  local i t0 t1 times=()
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1 || true; t1=$EPOCHREALTIME
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b - a) * 1000}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1; s += $1 } END { printf "%.1f %.1f\n", s / NR, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

read -r hm hmed <<<"$(measure "$work/hello/Hello")"
printf "launcher's build: %s; %s runs each, after one warm-up; wall time, this machine\n\n" "$mode" "$runs"
printf "%-38s | %8s %8s | %10s\n" program "mean ms" "median" "vs hello"
row() { local name="$1"; shift; read -r m med <<<"$(measure "$@")"
  awk -v n="$name" -v m="$m" -v d="$med" -v h="$hmed" 'BEGIN { printf "%-38s | %8.1f %8.1f | %9.1fx\n", n, m, d, d / h }'; }
printf "%-38s | %8.1f %8.1f | %9.1fx\n" "hello (AOT, smallest .NET program)" "$hm" "$hmed" 1
row "ilobackup --version ($mode)" "$root/.build/cli/ilobackup" --version
row "ilobackup --help ($mode)" "$root/.build/cli/ilobackup" --help
row "./ilobackup --version (launcher script)" "$root/ilobackup" --version
row "ilobackup --version (JIT build)" "$work/jit/ilobackup" --version
row "ilobackup --help (JIT build)" "$work/jit/ilobackup" --help
if [ ${#ilorest_cmd[@]} -gt 0 ]; then row "ilorest --help (HPE iLOrest)" "${ilorest_cmd[@]}"; fi
printf "\ngoal: ilobackup --version under 15 ms.\n"

#!/usr/bin/env bash
# Long fuzz run (issue 6, "Hostile input"; issue 14, the HTTP layer over sockets): every parser's fuzz test (xUnit trait Category=Fuzz)
# with its CI budget multiplied by SCALE, then one line per parser: inputs tried, accepted,
# rejected cleanly, and crashed or answered 5xx (the goal is zero).
#   SCALE=50 bench/fuzz/run.sh
# CsCheck picks new seeds each run; a failure prints the seed that reproduces it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scale="${SCALE:-50}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
export ILOBACKUP_FUZZ_SCALE="$scale" ILOBACKUP_FUZZ_REPORT="$report"
status=0
for project in IloBackup.Emulator.Tests IloBackup.Engine.Tests; do
  dotnet test "$root/tests/$project" --filter "Category=Fuzz" --nologo -v q >"$report.$project.log" 2>&1 || status=1
  grep -aE "Passed!|Failed!" "$report.$project.log" || true
  if [ "$status" -ne 0 ]; then grep -aE "crashed or 5xx|Exception|seed" "$report.$project.log" | head -20; fi
  rm -f "$report.$project.log"
done
echo "--- fuzz scale x$scale"
cat "$report"
awk '{ for (i = 1; i <= NF; i++) { if ($(i+1) == "inputs,") n += $i; if ($(i+1) == "crashed") c += $i } } END { printf "total: %d inputs, %d crashed or 5xx\n", n, c }' "$report"
exit "$status"

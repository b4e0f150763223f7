#!/usr/bin/env bash
# Crash runs (issue 6, "What must hold"): a real `ilobackup fleet backup` child process SIGKILLed
# at random points ROUNDS times (repository consistent, verify passes, the next run completes),
# plus SIGINT during a backup and a restore (exit 130, sessions logged out, no partial file) and
# the restore crash window (wholly old or wholly new configuration after a crash).
#   ROUNDS=10 [SEED=1234] bench/crash/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ILOBACKUP_KILL_ROUNDS="${ROUNDS:-10}"
if [ -n "${SEED:-}" ]; then export ILOBACKUP_KILL_SEED="$SEED"; fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test "$root/tests/IloBackup.Cli.Tests" --filter "Category=Crash" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=1
grep -aE "seed [0-9]+|round [0-9]+:|kill test:|kill point |Passed |Failed |Passed!|Failed!" "$log" | sed 's/^ *//'
dotnet test "$root/tests/IloBackup.Emulator.Tests" --filter "FullyQualifiedName~RestoreCrashWindow" --nologo -v q 2>&1 | grep -aE "Passed!|Failed!" || status=1
exit "$status"

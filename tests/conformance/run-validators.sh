#!/usr/bin/env bash
# Runs DMTF's Redfish-Service-Validator and Redfish-Protocol-Validator against a fresh emulator
# (one iLO 5, HTTPS, a new state directory) and prints each validator's PASS/FAIL counts and every
# FAIL. The validators' code is not part of this repository: lay it out first (see docs/emulator.md,
# "DMTF validators"). Without it, or without the Python packages, it prints SKIP and the reason and
# exits 0.
#
#   tests/conformance/run-validators.sh [--strict] [--generation 5|6]
#
# DMTF_SOURCES (default /tmp/dmtf) holds one folder per project, by its GitHub name:
#   Redfish-Service-Validator  Redfish-Protocol-Validator  python-redfish-library  Redfish-Tacklebox
#   aenum (ethanfurman/aenum)  sseclient (mpetazzoni/sseclient)  csdl (Redfish-Publications' csdl/)
# A folder that is missing is exported from a bare git mirror at $DMTF_MIRRORS/<owner>+<name>/repo
# when one is there (default /work/.mirror). Debian packages: python3-requests python3-colorama
# python3-openpyxl python3-xlsxwriter python3-pyasn1 python3-pyasn1-modules python3-jsonpatch
# python3-json-pointer python3-requests-toolbelt python3-requests-unixsocket.
# --strict exits 1 when any FAIL is left. Reports: $OUT (default a new folder under /tmp).
set -euo pipefail

strict=0
generation=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --strict) strict=1; shift ;;
    --generation) generation="$2"; shift 2 ;;
    *) echo "usage: $0 [--strict] [--generation 5|6]" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
src="${DMTF_SOURCES:-/tmp/dmtf}"
mirrors="${DMTF_MIRRORS:-/work/.mirror}"
out="${OUT:-$(mktemp -d /tmp/ilobackup-validators.XXXXXX)}"
python=/usr/bin/python3
[[ -x "$python" ]] || python=python3

skip() { echo "SKIP: $*"; exit 0; }

# name -> owner/name of its git mirror; csdl comes from Redfish-Publications' csdl folder.
declare -A origin=(
  [Redfish-Service-Validator]=DMTF+Redfish-Service-Validator
  [Redfish-Protocol-Validator]=DMTF+Redfish-Protocol-Validator
  [python-redfish-library]=DMTF+python-redfish-library
  [Redfish-Tacklebox]=DMTF+Redfish-Tacklebox
  [aenum]=ethanfurman+aenum
  [sseclient]=mpetazzoni+sseclient
  [csdl]=DMTF+Redfish-Publications
)
mkdir -p "$src"
for name in "${!origin[@]}"; do
  [[ -d "$src/$name" ]] && continue
  git_dir="$mirrors/${origin[$name]}/repo"
  [[ -d "$git_dir" ]] || skip "$src/$name is missing and there is no mirror at $git_dir (fetch github:${origin[$name]/+//})"
  mkdir -p "$src/$name"
  if [[ "$name" == csdl ]]; then
    git --git-dir="$git_dir" archive HEAD csdl | tar -x -C "$src/$name" --strip-components=1
  else
    git --git-dir="$git_dir" archive HEAD | tar -x -C "$src/$name"
  fi
done

export PYTHONPATH="$src/python-redfish-library/src:$src/Redfish-Tacklebox:$src/aenum:$src/sseclient:$src/Redfish-Service-Validator:$src/Redfish-Protocol-Validator"
missing=$("$python" - <<'PY' 2>/dev/null || echo "python3"
import importlib.util
names = ["requests", "colorama", "openpyxl", "xlsxwriter", "jsonpatch", "jsonpointer", "pyasn1", "requests_toolbelt",
         "redfish", "redfish_utilities", "aenum", "sseclient", "redfish_service_validator", "redfish_protocol_validator"]
print(" ".join(n for n in names if importlib.util.find_spec(n) is None))
PY
)
[[ -z "$missing" ]] || skip "Python modules missing: $missing (see the Debian packages in this script's header)"

state="$out/state"
mkdir -p "$state"
dotnet build "$repo/src/IloBackup.Cli" -v quiet -nologo > "$out/build.log" 2>&1 || { echo "build failed, see $out/build.log" >&2; exit 1; }
dll=$(find "$repo/src/IloBackup.Cli/bin" -name ilobackup.dll -path '*Debug*' | head -n 1)
dotnet "$dll" emulator --port 0 --generation "$generation" --state-dir "$state" > "$out/emulator.out" 2> "$out/emulator.err" &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^ready:' "$out/emulator.out" 2>/dev/null && break
  kill -0 "$emulator" 2>/dev/null || { cat "$out/emulator.err" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^ready: .* from \(https:\/\/127\.0\.0\.1:[0-9]*\),.*/\1/p' "$out/emulator.out")
[[ -n "$url" ]] || { echo "the emulator did not get ready" >&2; exit 1; }
user=Administrator
password=$(cat "$state/admin-password")

# requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's verify=False: unset them.
unset REQUESTS_CA_BUNDLE CURL_CA_BUNDLE

echo "== Redfish-Service-Validator against $url (iLO $generation)"
(cd "$src/Redfish-Service-Validator" && "$python" RedfishServiceValidator.py -u "$user" -p "$password" -r "$url" \
  --skipschema --schema_directory "$src/csdl" --logdir "$out/service" > "$out/service.out" 2>&1) || true
sed -n '/PASS.*WARN.*FAIL/{n;n;p}' "$out/service.out" | tr -s ' |' ' ' | sed 's/^/counts (pass warn fail not-tested):/'
grep -h -- '- ERROR - FAIL' "$out"/service/*/RedfishServiceValidatorDebug_*.log | sed 's/^.* - ERROR - /  /' | sort | uniq -c || true
service_fails=$(sed -n '/PASS.*WARN.*FAIL/{n;n;p}' "$out/service.out" | tr -s ' |' ' ' | awk '{print $3}')

echo "== Redfish-Protocol-Validator against $url"
(cd "$src/Redfish-Protocol-Validator" && "$python" rf_protocol_validator.py -u "$user" -p "$password" -r "$url" \
  --no-cert-check --avoid-http-redirect --report-dir "$out/protocol" --report-type tsv > "$out/protocol.out" 2>&1) || true
grep -h '^Summary' "$out/protocol.out" || true
awk -F'\t' '$5 == "FAIL" { printf "  %s %s %s %s: %s\n", $1, $2, $3, $4, substr($6, 1, 160) }' "$out"/protocol/*.tsv || true
protocol_fails=$(sed -n 's/^Summary.*FAIL: \([0-9]*\).*/\1/p' "$out/protocol.out")

echo "reports and logs: $out"
echo "service FAIL: ${service_fails:-?}, protocol FAIL: ${protocol_fails:-?}"
if [[ "$strict" == 1 && ( "${service_fails:-1}" != 0 || "${protocol_fails:-1}" != 0 ) ]]; then
  exit 1
fi

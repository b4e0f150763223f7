#!/usr/bin/env bash
# The baseline: the seed document's curl flow for one iLO (log in, GET the service to create the
# backup, download BackupFileLocation, log out), as an administrator would script it.
# Usage: seed-backup.sh https://host:port  (ILO_USER, ILO_PASSWORD and OUT_DIR from the environment)
set -u
base="$1"
bmc="${base#https://}"
Var=$(curl -k --silent --location --include --header 'Content-Type: application/json' \
  --request POST "https://${bmc}/redfish/v1/SessionService/Sessions/" \
  --data "{\"UserName\": \"${ILO_USER}\", \"Password\": \"${ILO_PASSWORD}\"}" |
  awk '/Token/ || /Location/ {printf "%s ", $NF}' | tr -d '\r')
read -r -a TokenAndLocation <<< "$Var"
if [[ ${TokenAndLocation[0]} =~ "/" ]]; then
  Location=$(echo "${TokenAndLocation[0]#https://*}" | awk -F'/' -vOFS='/' '{$1="" ; print $0}')
  Token=${TokenAndLocation[1]}
else
  Location=$(echo "${TokenAndLocation[1]#https://*}" | awk -F'/' -vOFS='/' '{$1="" ; print $0}')
  Token=${TokenAndLocation[0]}
fi
file=$(curl -k --silent --header "X-Auth-Token: ${Token}" \
  "https://${bmc}/redfish/v1/Managers/1/BackupRestoreService/?\$select=BackupFileLocation" |
  sed -n 's/.*"BackupFileLocation": *"\([^"]*\)".*/\1/p')
status=1
if [ -n "$file" ]; then
  curl -k --silent --fail --header "X-Auth-Token: ${Token}" -o "${OUT_DIR}/${bmc//[:\/]/_}-$(basename "$file")" "https://${bmc}${file}" && status=0
fi
curl -k --silent --output /dev/null --header "X-Auth-Token: ${Token}" --request DELETE "https://${bmc}${Location}"
exit $status

#!/usr/bin/bash

# Backup with cURL, as ../shared/seed/ilo-backup-and-restore.md describes it ("Backing up the iLO
# configuration"): a GET of the HpeiLOBackupRestoreService URI creates the file and returns
# BackupFileLocation, a GET of BackupFileLocation downloads it. Session handling is the seed's
# restore script's, unchanged; as there, only the host and -k (self-signed certificate) differ.

bmcIp="ilo-ip"
bmcUser="ilo-user"
bmcPassword="password"

echo "Session creation"
Var=$(curl -k --silent --location --include --header 'Content-Type: application/json'  \
            --request POST "https://${bmcIp}/redfish/v1/SessionService/Sessions/"    \
            --data "{
                \"UserName\": \"${bmcUser}\",
                \"Password\": \"${bmcPassword}\"
                }"                                                   |               \
            awk  '/Token/ || /Location/  {printf "%s ", $NF}'        |               \
            tr -d '\r')

read -r -a TokenAndLocation <<< "$Var"

if [[ ${TokenAndLocation[0]} =~ "/"  ]] ; then
  Location=$(echo ${TokenAndLocation[0]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}')
  Token=${TokenAndLocation[1]}
else
  Location=$(echo ${TokenAndLocation[1]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}')
  Token=${TokenAndLocation[0]}
fi

# Create the backup file and retrieve BackupFileLocation
echo "Creating backup file"
BackupFileLocation=$(curl -k --silent --location --header "X-Auth-Token: ${Token}"           \
            "https://${bmcIp}/redfish/v1/Managers/1/BackupRestoreService/?\$select=BackupFileLocation" | \
            sed -E 's/.*"BackupFileLocation": *"([^"]+)".*/\1/')
backupFile=$(basename "${BackupFileLocation}")

# Retrieve the backup file locally
echo "Downloading ${backupFile}"
curl -k --silent --fail --location --header "X-Auth-Token: ${Token}" \
     --output "${backupFile}" "https://${bmcIp}${BackupFileLocation}" || exit 1

echo "Logout"
curl -k --silent --location                            \
      --header "X-Auth-Token: ${Token}"                \
      --request DELETE https://${bmcIp}${Location}

#!/usr/bin/bash

HttpPushUri="/cgi-bin/uploadRestoreFile"
backupFile="HPE_MXQ78407Z2_20230220_1813.bak"
bmcIp="ilo-ip"
bmcUser="ilo-user"
bmcPassword="password"

# The following Bash command creates a Redfish session and populates
# the $Var variable with the Session Token and the Location URL.
echo "Session creation"
Var=$(curl -k --silent --location --include --header 'Content-Type: application/json'  \
            --request POST "https://${bmcIp}/redfish/v1/SessionService/Sessions/"    \
            --data "{
                \"UserName\": \"${bmcUser}\",
                \"Password\": \"${bmcPassword}\"
                }"                                                   |               \
            awk  '/Token/ || /Location/  {printf "%s ", $NF}'        |               \
            tr -d '\r')


# Move Token and Session Location in an array
# and extract them into dumb variables.
# Problem: iLO returns   Location: https://ip/redfish/v1/.... while
#          other BMCs (i.e. OpenBMC) return: Location: /redfish/v1/.... 
# Hence we normalize to:  /redfish/v1/..... using awk. Morevore you cannot assume
# any particular order in $Var.
read -r -a TokenAndLocation <<< "$Var"

if [[ ${TokenAndLocation[0]} =~ "/"  ]] ; then
  Location=$(echo ${TokenAndLocation[0]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}') 
  Token=${TokenAndLocation[1]}
else
  Location=$(echo ${TokenAndLocation[1]#https://*} | awk -F'/' -vOFS='/'   '{$1="" ; print $0}')
  Token=${TokenAndLocation[0]}
fi

# Restore backup file
echo "Restoring backup file"
curl -k --location --form "sessionKey=${Token}" \
      --form "file=@${backupFile}"            \
      --header "X-Auth-Token: ${Token}"       \
      --header "Cookie: sessionKey=${Token}"  \
      https://${bmcIp}${HttpPushUri}

# Logout (May be not required as iLO resets)
echo "Logout" 
curl -k --location                                       \
      --header "X-Auth-Token: ${Token}"                \
      --request DELETE https://${bmcIp}${Location}


# This simple Python script uses the HPE Redfish Python Library
# (https://github.com/HewlettPackard/python-ilorest-library) to restore
# an iLO configuration file.

# It is based upon the "restorebackup" iLOrest command
# (https://github.com/HewlettPackard/python-redfish-utility/blob/master/src/extensions/iLO_COMMANDS/IloBackupRestoreCommand.py)

# NOTE: The HPE Redfish Python library cannot co-exist with the
#       DMTF Redfish Python library in the same Python environment.
#       You should uninstall one before installing the other one.
#
# pip uninstall redfish
# pip install python-ilorest-library

# The sources of the HPE Redfish Python library is on GitHub at
# https://github.com/HewlettPackard/python-ilorest-library

# -*- coding: utf-8 -*-
"""
An example to restore an iLO backup file.
"""

from redfish import RedfishClient

def restoreserver(_redfishobj, filename):
    """Use a .bak file to restore a server

    :param _redfishobj: Redfish object
    :type _redfishobj: object.
    :param filename: iLO backed up file (.bak) without password
    :type filename: str.
    """

    # The following "restorelocation" variable
    # should be discovered and not hard coded using the "HttpPushUri" in the
    # "HpeiLOBackupRestoreService." data type.
    restorelocation = "/cgi-bin/uploadRestoreFile" 
    skey = _redfishobj.session_key
    headers = {"Cookie": "sessionKey=" + skey}

    with open(filename, "rb") as fle:
            bakfile = fle.read()
    
    postdata = []
    postdata.append(("sessionKey", skey))
    postdata.append(("file", (filename, bakfile, "application/octet-stream")))

    if isinstance(skey, bytes):
            skey = skey.decode("utf-8")
    
    resp = _redfishobj.post(
            path=restorelocation,
            body=postdata,
            headers=headers
        )

    if not resp.status == 200:
        print("Error while uploading the backup file.")
    else:
            print(
                "Restore in progress. iLO will be unresponsive while the "
                "restore completes.\nYour session will be terminated.\n"
            )


if __name__ == "__main__":
    
    SYSTEM_URL = "https://ilo-ip"
    LOGIN_ACCOUNT = "user"
    LOGIN_PASSWORD = "password"
    BackupFile = "HPE_MXQ78407Z2_20230220_1813.bak"

    # Create a Redfish client object
    REDFISHOBJ = RedfishClient(base_url=SYSTEM_URL, username=LOGIN_ACCOUNT, \
                                                                            password=LOGIN_PASSWORD)
    # Login with the Redfish client
    REDFISHOBJ.login()

    restoreserver(REDFISHOBJ, BackupFile)
    
    # Logout
    REDFISHOBJ.logout()  



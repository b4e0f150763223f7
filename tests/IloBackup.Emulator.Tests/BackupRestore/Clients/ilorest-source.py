"""Runs HPE's iLOrest from its source tree (python-redfish-utility and python-ilorest-library on
PYTHONPATH) for IloBackup's tests. IloBackup's own code; HPE's code is never copied here.

iLOrest 7 builds an "app account" object at every login on Linux, which loads HPE's binary CHIF
library (ilorest_chif.so) even for a remote login, where it is not used. HPE's repository holds that
library only as a binary, absent from the source we test. Without it, this runner lets the object be
built with no library; every other line of iLOrest runs unchanged.
"""
import runpy
import sys

import redfish.hpilo.risblobstore2 as blobstore
import redfish.hpilo.vnichpilo as vnic

_build = vnic.AppAccount.__init__


def _build_without_chif(self, *args, **kwargs):
    try:
        _build(self, *args, **kwargs)
    except blobstore.ChifDllMissingError:
        self.dll = None
        self.username = kwargs.get("username")
        self.password = kwargs.get("password")
        self.log_dir = kwargs.get("log_dir")


vnic.AppAccount.__init__ = _build_without_chif
sys.argv = ["ilorest"] + sys.argv[1:]
runpy.run_module("ilorest.rdmc", run_name="__main__")

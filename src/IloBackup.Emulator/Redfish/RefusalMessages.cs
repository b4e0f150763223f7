using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Resources;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// The one table from the models' refusals to the registry messages iLO answers with: the models'
/// refusals (applied by the pipeline's error step) and a restore's. Statuses are our choice where
/// iLO's are unknown (docs/emulator-backup-restore.md).
/// </summary>
public static class RefusalMessages
{
    public static RedfishException ToRedfish(IloRefusedException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var args = refusal.Args;
        string Arg(int i) => i < args.Count ? args[i] : "";
        return refusal.Reason switch
        {
            IloRefusal.UserNameInvalid => new(BaseMessages.PropertyValueFormatError, Arg(0), "UserName"),
            IloRefusal.PasswordRejected => new(BaseMessages.PropertyValueFormatError, "(hidden)", "Password"),
            IloRefusal.UserNameTaken => new(BaseMessages.ResourceAlreadyExists, "ManagerAccount", "UserName", Arg(0)),
            IloRefusal.AccountLimitReached => new(BaseMessages.CreateLimitReachedForResource),
            IloRefusal.LastAccountAdministrator => new(BaseMessages.ResourceCannotBeDeleted),
            IloRefusal.AccountMissing => new(BaseMessages.ResourceMissingAtURI, IloPaths.Accounts + "/" + Arg(0)),
            IloRefusal.NoWayToLogIn => new(BaseMessages.PropertyValueConflict, "LocalAccountAuth", "LDAP/ServiceEnabled"),
            IloRefusal.PortsConflict => new(BaseMessages.PropertyValueConflict, "HTTP/Port", "HTTPS/Port"),
            IloRefusal.VlanIdMissing => new(BaseMessages.PropertyMissing, "VLAN/VLANId"),
            IloRefusal.StaticAddressMissing => new(BaseMessages.PropertyMissing, "IPv4StaticAddresses/Address"),
            IloRefusal.SecurityStateNeedsFactoryReset => new(BaseMessages.ActionNotAllowed, $"leaving {Arg(0)} needs a reset to factory defaults"),
            IloRefusal.PowerAlreadyInState => new(BaseMessages.ActionNotAllowed, $"the server is {Arg(0)}"),
            IloRefusal.SessionLimitReached => new(BaseMessages.SessionLimitExceeded),
            IloRefusal.LoginRefused => new(BaseMessages.NoValidSession),
            _ => new(BaseMessages.InternalError),
        };
    }

    /// <summary>The Redfish error of a restore refusal on <paramref name="ilo"/> (all but <see cref="RestoreRefusal.InvalidPassword"/>, which is plain text).</summary>
    public static RedfishException ToRedfish(RestoreRefusedException refusal, string fileName, VirtualIlo ilo)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(ilo);
        var identity = ilo.Identity;
        return refusal.Reason switch
        {
            RestoreRefusal.AnotherServer => new(
                BaseMessages.ResourceTypeIncompatible,
                "a backup of another server",
                $"a backup of server {identity.ServerSerial} (product {identity.ProductId})"),
            RestoreRefusal.AnotherGeneration => new(
                BaseMessages.ResourceTypeIncompatible, "a backup made by another iLO generation", $"a backup made by iLO {identity.Generation}"),
            RestoreRefusal.NewerFirmware => new(
                BaseMessages.ResourceTypeIncompatible,
                "a backup made by newer iLO firmware",
                $"a backup made by iLO {identity.Generation} firmware {identity.FirmwareVersion} or older"),
            RestoreRefusal.UnsupportedVersion => new(
                BaseMessages.ResourceTypeIncompatible, "a backup file of a newer format version", "a backup file this firmware can read"),
            RestoreRefusal.RestoreInProgress => new(BaseMessages.ResourceInUse),
            _ => new(BaseMessages.ResourceAtUriInUnknownFormat, BackupRestoreFeature.Printable(fileName)),
        };
    }
}

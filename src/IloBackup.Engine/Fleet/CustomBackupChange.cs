using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Fleet;

/// <summary>The iLO and its <c>CustomBackupandRestore</c> value read back after a change, plus any firmware note.</summary>
public sealed record CustomBackupChange(IloIdentity Identity, bool? EnabledAfter, string? Note);

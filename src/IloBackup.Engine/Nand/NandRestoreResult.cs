using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Nand;

/// <summary>A NAND restore that was requested, waited for and checked.</summary>
public sealed record NandRestoreResult(string Id, IloIdentity IdentityBefore, IloIdentity IdentityAfter, bool IdentityMatches, bool ResetObserved, TimeSpan Duration);

using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Redfish;

/// <summary>An authenticated caller: a session, or HTTP Basic (no session).</summary>
public sealed record AuthenticatedCaller(UserAccount Account, IloSession? Session);

using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.Authorization;

/// <summary>One column of the authorization matrix: a token (or none) and the privileges it really carries (null: not authenticated).</summary>
internal sealed record MatrixCaller(string Name, string? Token, IloPrivileges? Privileges);

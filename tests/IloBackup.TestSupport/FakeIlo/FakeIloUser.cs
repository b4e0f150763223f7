namespace IloBackup.TestSupport.FakeIlo;

/// <summary>An account of the fake iLO.</summary>
public sealed record FakeIloUser(string UserName, string Password, string RoleId, bool ConfigPriv, bool UserConfigPriv);

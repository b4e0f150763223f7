namespace IloBackup.TestSupport.FakeIlo;

/// <summary>Well-known test credentials of the fake iLO.</summary>
public static class FakeIloCredentials
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "s3cret-Adm1n";
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "0perator-pw";
}

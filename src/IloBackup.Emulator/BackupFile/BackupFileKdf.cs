namespace IloBackup.Emulator.BackupFile;

/// <summary>How the file key is derived. The numeric values are written in the header.</summary>
public enum BackupFileKdf
{
    /// <summary>No password: HKDF-SHA256 over the format secret, the server serial and the product id.</summary>
    ServerBound = 1,

    /// <summary>Password: PBKDF2-HMAC-SHA256 with the header's iteration count and salt.</summary>
    Pbkdf2HmacSha256 = 2,
}

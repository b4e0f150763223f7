namespace IloBackup.Emulator.BackupFile;

/// <summary>How the file key is derived. The numeric values are written in the header.</summary>
public enum BackupFileKdf
{
    /// <summary>No password: HKDF-SHA256 over the format secret, the server serial and the product id.</summary>
    ServerBound = 1,

    /// <summary>
    /// Password, format version 1 only (read, never written): PBKDF2-HMAC-SHA256 over the bare UTF-8
    /// password. Ambiguous: HMAC pads a short key with zeros, so <c>pw</c> and <c>pw\0</c> derive the
    /// same key; readers refuse control characters before deriving anything.
    /// </summary>
    Pbkdf2HmacSha256 = 2,

    /// <summary>
    /// Password, format version 2: PBKDF2-HMAC-SHA256 over the password's UTF-8 byte length (u16,
    /// little-endian) followed by its bytes, so no two different passwords give the same input.
    /// </summary>
    Pbkdf2HmacSha256LengthPrefixed = 3,
}

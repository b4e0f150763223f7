namespace IloBackup.Engine.Repository.Encryption;

/// <summary>The SHA-256 (lower-case hex) and length of an object's plaintext.</summary>
public sealed record PlaintextDigest(string Sha256, long Length);

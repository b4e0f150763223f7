namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// An encrypted object cannot be read: wrong key, not an encrypted object, or damaged (a segment
/// failed authentication). Thrown before any unauthenticated byte of the failing segment is returned.
/// </summary>
public sealed class ObjectDecryptionException : Exception
{
    public ObjectDecryptionException()
    {
    }

    public ObjectDecryptionException(string message)
        : base(message)
    {
    }

    public ObjectDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ObjectDecryptionException(DecryptionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What went wrong.</summary>
    public DecryptionFailure Failure { get; } = DecryptionFailure.Damaged;
}

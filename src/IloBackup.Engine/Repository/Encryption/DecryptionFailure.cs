namespace IloBackup.Engine.Repository.Encryption;

/// <summary>Why an encrypted object could not be read (<see cref="ObjectDecryptionException.Failure"/>).</summary>
public enum DecryptionFailure
{
    /// <summary>The bytes do not start with the encrypted-object magic: not an encrypted object.</summary>
    NotEncrypted,

    /// <summary>A format version this code does not read.</summary>
    UnsupportedVersion,

    /// <summary>The object was encrypted under another repository key (its header names another key id).</summary>
    WrongKey,

    /// <summary>
    /// A segment failed authentication, or the object ends inside its header or a segment: it was
    /// altered, cut, reordered, or has bytes appended. Nothing of the failing segment was returned.
    /// </summary>
    Damaged,
}

namespace IloBackup.Engine.Restore;

/// <summary>
/// The restore upload got no answer: the iLO may or may not be applying it. Never retried
/// blindly; the message says how to find out.
/// </summary>
public sealed class RestoreOutcomeUnknownException : Exception
{
    public RestoreOutcomeUnknownException()
    {
    }

    public RestoreOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public RestoreOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

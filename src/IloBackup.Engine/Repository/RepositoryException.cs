namespace IloBackup.Engine.Repository;

/// <summary>The repository cannot be opened or used (missing, locked, newer schema, integrity failure).</summary>
public sealed class RepositoryException : Exception
{
    public RepositoryException()
    {
    }

    public RepositoryException(string message)
        : base(message)
    {
    }

    public RepositoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace IloBackup.Engine.Secrets;

/// <summary>Where a secret is read from.</summary>
public enum SecretSourceKind
{
    /// <summary>An environment variable.</summary>
    Environment,

    /// <summary>The first line of a file.</summary>
    File,

    /// <summary>The first line of standard input.</summary>
    Stdin,

    /// <summary>Asked at the terminal, without echo.</summary>
    Prompt,
}

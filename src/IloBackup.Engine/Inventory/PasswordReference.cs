namespace IloBackup.Engine.Inventory;

/// <summary>
/// Where a password is to be found: the name of an environment variable or the path of a file.
/// Inventories only ever hold the reference, never the password (docs/development.md).
/// </summary>
public sealed record PasswordReference
{
    private PasswordReference(PasswordSourceKind kind, string location)
    {
        Kind = kind;
        Location = location;
    }

    public PasswordSourceKind Kind { get; }

    /// <summary>The variable name or the file path (never the secret itself).</summary>
    public string Location { get; }

    public static PasswordReference FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        return new PasswordReference(PasswordSourceKind.Environment, variable);
    }

    public static PasswordReference FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new PasswordReference(PasswordSourceKind.File, path);
    }

    /// <summary>
    /// Reads the password. A file's single trailing line break is dropped (as <c>echo pw &gt; file</c> writes it).
    /// Errors name the variable or file, never any part of the secret.
    /// </summary>
    public async Task<string> ResolveAsync(Func<string, string?>? environment, CancellationToken cancellationToken)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (Kind == PasswordSourceKind.Environment)
        {
            var value = environment(Location);
            if (string.IsNullOrEmpty(value))
            {
                throw new InventoryCredentialException($"environment variable {Location} (password) is not set");
            }

            return value;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(Location, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InventoryCredentialException($"cannot read password file {Location}: {ex.GetType().Name}", ex);
        }

        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        if (text.Length == 0)
        {
            throw new InventoryCredentialException($"password file {Location} is empty");
        }

        return text;
    }

    public override string ToString() => Kind == PasswordSourceKind.Environment ? $"env:{Location}" : $"file:{Location}";
}

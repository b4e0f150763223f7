using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Secrets;

/// <summary>
/// Where a secret (an iLO password, a backup file's password) is to be found: a variable, a file, stdin
/// or a prompt. The one way every verb and the inventory read secrets; an inventory only ever holds
/// the reference, never the password (docs/development.md). Errors name the place, never the secret.
/// </summary>
public sealed record SecretSource
{
    private SecretSource(SecretSourceKind kind, string location)
    {
        Kind = kind;
        Location = location;
    }

    public SecretSourceKind Kind { get; }

    /// <summary>The variable name, the file path, or the prompt's question (never the secret itself).</summary>
    public string Location { get; }

    public static SecretSource FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        return new SecretSource(SecretSourceKind.Environment, variable);
    }

    /// <summary>A file; <c>-</c> is stdin.</summary>
    public static SecretSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path == "-" ? FromStdin() : new SecretSource(SecretSourceKind.File, path);
    }

    public static SecretSource FromStdin() => new(SecretSourceKind.Stdin, "stdin");

    public static SecretSource FromPrompt(string question)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        return new SecretSource(SecretSourceKind.Prompt, question);
    }

    /// <summary>
    /// Reads the secret: a variable's value, a file's or stdin's first line (without its line break),
    /// or the prompt's answer. Throws <see cref="InventoryCredentialException"/> when there is none.
    /// </summary>
    public async Task<string> ResolveAsync(SecretReader? reader, CancellationToken cancellationToken)
    {
        reader ??= SecretReader.Default;
        var value = Kind switch
        {
            SecretSourceKind.Environment => reader.Environment(Location),
            SecretSourceKind.File => await ReadFileAsync(cancellationToken).ConfigureAwait(false),
            SecretSourceKind.Stdin => FirstLine(await (reader.Stdin ?? throw Unavailable("no stdin here"))(cancellationToken).ConfigureAwait(false)),
            _ => await (reader.Prompt ?? throw Unavailable("not at a terminal"))(Location, cancellationToken).ConfigureAwait(false),
        };
        return string.IsNullOrEmpty(value) ? throw Unavailable(Kind == SecretSourceKind.Environment ? "is not set" : "is empty") : value;
    }

    public override string ToString() => Kind switch
    {
        SecretSourceKind.Environment => $"env:{Location}",
        SecretSourceKind.File => $"file:{Location}",
        SecretSourceKind.Stdin => "stdin",
        _ => "prompt",
    };

    private async Task<string?> ReadFileAsync(CancellationToken cancellationToken)
    {
        try
        {
            return FirstLine(await File.ReadAllTextAsync(Location, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InventoryCredentialException($"password file {Location} does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InventoryCredentialException($"cannot read password file {Location}: {ex.GetType().Name}", ex);
        }
    }

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].TrimEnd('\r');

    private InventoryCredentialException Unavailable(string problem) => new(Kind switch
    {
        SecretSourceKind.Environment => $"environment variable {Location} (password) {problem}",
        SecretSourceKind.File => $"password file {Location} {problem}",
        SecretSourceKind.Stdin => $"password on stdin: {(problem == "is empty" ? "nothing on stdin" : problem)}",
        _ => $"password prompt: {problem}",
    });
}

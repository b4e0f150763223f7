namespace IloBackup.Cli.Connection;

/// <summary>Reads a secret from the first line of a file.</summary>
internal static class SecretFile
{
    public static async Task<string> ReadAsync(string path, string option, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{option}: {path} does not exist");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length == 0 ? throw new CliUsageException($"{option}: {path} is empty") : line;
    }
}

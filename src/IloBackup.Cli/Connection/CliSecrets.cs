using IloBackup.Engine.Inventory;
using IloBackup.Engine.Secrets;

namespace IloBackup.Cli.Connection;

/// <summary>
/// Reads a <see cref="SecretSource"/> (the one secret source, shared with the inventory) at the command
/// line: stdin and the no-echo prompt of this console; a missing secret is a usage error naming the option.
/// </summary>
internal static class CliSecrets
{
    public static SecretReader Reader(CliConsole console) => new(
        Environment.GetEnvironmentVariable,
        async ct => await console.In.ReadLineAsync(ct).ConfigureAwait(false),
        console.IsInteractive ? (question, ct) => SecretPrompt.ReadSecretAsync(console, question, ct) : null);

    public static async Task<string> ReadAsync(SecretSource source, CliConsole console, string option, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return await source.ResolveAsync(Reader(console), cancellationToken).ConfigureAwait(false);
        }
        catch (InventoryCredentialException e)
        {
            throw new CliUsageException($"{option}: {e.Message}");
        }
    }
}

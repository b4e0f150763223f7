using System.Text;

namespace IloBackup.Cli.Connection;

/// <summary>Asks a person at the terminal: secrets without echo, yes/no questions.</summary>
internal static class SecretPrompt
{
    public static async Task<string> ReadSecretAsync(CliConsole console, string prompt, CancellationToken cancellationToken)
    {
        await console.Error.WriteAsync(prompt).ConfigureAwait(false);
        await console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(console, CliConsole.System))
        {
            return await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty;
        }

        // The real terminal: read key by key without echo.
        var secret = new StringBuilder();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        await console.Error.WriteLineAsync().ConfigureAwait(false);
        return secret.ToString();
    }

    public static async Task<bool> ConfirmAsync(CliConsole console, string question, CancellationToken cancellationToken)
    {
        await console.Error.WriteAsync($"{question} [y/N] ").ConfigureAwait(false);
        await console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answer = (await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Text.Json.Nodes;
using IloBackup.Engine.CustomBackup;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;
using IloBackup.Redfish.Errors;

namespace IloBackup.Cli.Output;

/// <summary>
/// How a verb's failure is told: one <c>error:</c> line on stderr, and with <c>--json</c> also a JSON
/// object on stdout with a stable <c>code</c> (docs/json-output.md), so a script never has to parse prose.
/// </summary>
internal static class ErrorReport
{
    public static async Task<int> WriteAsync(CliConsole console, IReadOnlyList<string> args, Exception? exception, string message, int exitCode)
    {
        await console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        if (args.Contains("--json"))
        {
            var node = new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = Code(exception, exitCode), ["message"] = message, ["exitCode"] = exitCode },
            };
            await CliOutput.WriteJsonAsync(console, node).ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>The stable code of a failure: part of the JSON contract, never renamed.</summary>
    public static string Code(Exception? exception, int exitCode) => exception switch
    {
        _ when exitCode == ExitCodes.Usage => "usage",
        OperationCanceledException => "interrupted",
        RedfishAuthenticationException => "authentication",
        RedfishPrivilegeException => "privilege",
        RedfishTlsException => "certificate",
        RedfishTimeoutException => "timeout",
        RedfishUnreachableException => "unreachable",
        RedfishProtocolException => "protocol",
        RedfishException => "ilo-error",
        RestoreOutcomeUnknownException => "restore-outcome-unknown",
        RestoreRefusedException => "restore-refused",
        IloDidNotReturnException => "ilo-did-not-return",
        CustomBackupUnavailableException => "custom-backup-unavailable",
        InventoryFormatException or InventoryCredentialException => "inventory",
        RepositoryException or InvalidDataException or Engine.Repository.Encryption.ObjectDecryptionException or Npgsql.NpgsqlException => "repository",
        FileNotFoundException or DirectoryNotFoundException => "not-found",
        UnauthorizedAccessException or IOException => "io",
        _ => "failed",
    };
}

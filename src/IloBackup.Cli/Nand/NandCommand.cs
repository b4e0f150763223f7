using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Cli.Connection;
using IloBackup.Cli.Output;
using IloBackup.Cli.Restore;
using IloBackup.Engine.Nand;
using IloBackup.Engine.Restore;

namespace IloBackup.Cli.Nand;

/// <summary><c>ilobackup nand HOST list|create|delete ID|restore ID</c>: the backup kept on the iLO itself.</summary>
internal static class NandCommand
{
    private static readonly string[] Actions = ["list", "create", "delete", "restore"];

    public static Command Create(CliConsole console)
    {
        var connection = new ConnectionOptions();
        var action = new Argument<string>("ACTION") { Description = "list, create, delete ID or restore ID" };
        action.AcceptOnlyFromAmong(Actions);
        var id = new Argument<string?>("ID") { Description = "The backup's Id (see list), for delete and restore", Arity = ArgumentArity.ZeroOrOne };
        var yes = new Option<bool>("--yes", "-y") { Description = "Restore without asking for confirmation" };
        var poll = new Option<string>("--poll-interval") { Description = "Restore: how often to look whether it is back", HelpName = "TIME", DefaultValueFactory = _ => "5s" };
        var command = new Command("nand", "The backup kept on the iLO's own NAND: list, create, delete ID, restore ID");
        connection.AddTo(command);
        command.Arguments.Add(action);
        command.Arguments.Add(id);
        command.Options.Add(yes);
        command.Options.Add(poll);
        command.SetAction((parse, outer) =>
        {
            var settings = new NandSettings
            {
                Ilo = IloSettings.From(parse, connection), Action = parse.GetValue(action)!, Id = parse.GetValue(id), Yes = parse.GetValue(yes), PollInterval = parse.GetValue(poll)!,
            }.Validate(console.IsInteractive);
            return connection.WithinDeadlineAsync(
                parse, console, "nand " + settings.Action, settings.Action == "restore" ? VerbDefaults.RestoreTotal(connection, parse) : VerbDefaults.Deadline, async ct =>
            {
                var name = settings.Action;
                var backupId = settings.Id;
                using var logs = connection.Logs(parse, console);
                using var client = await connection.ClientAsync(parse, console, logs, ct).ConfigureAwait(false);
                var operation = new NandBackupOperation(client, logs.CreateLogger("IloBackup.Engine"));
                var json = parse.GetValue(connection.Json);
                switch (name)
                {
                    case "list":
                        await WriteListAsync(console, await operation.ListAsync(ct).ConfigureAwait(false), json).ConfigureAwait(false);
                        return ExitCodes.Ok;
                    case "create":
                        await WriteListAsync(console, await operation.CreateAsync(ct).ConfigureAwait(false), json).ConfigureAwait(false);
                        return ExitCodes.Ok;
                    case "delete":
                        await operation.DeleteAsync(backupId!, ct).ConfigureAwait(false);
                        await console.Out.WriteLineAsync(json ? new JsonObject { ["deleted"] = backupId }.ToJsonString(Output.CliOutput.Compact) : $"deleted {backupId}").ConfigureAwait(false);
                        return ExitCodes.Ok;
                    default:
                        return await RestoreAsync(console, client.Endpoint.ToString(), operation, backupId!, settings.Yes,
                            new RestoreRequest
                            {
                                FilePath = "-",
                                Deadline = connection.DeadlineOf(parse, VerbDefaults.RestoreDeadline),
                                PollInterval = settings.Poll,
                            }, json, ct).ConfigureAwait(false);
                }
            }, outer);
        });
        return command;
    }

    private static async Task<int> RestoreAsync(
        CliConsole console, string host, NandBackupOperation operation, string id, bool yes, RestoreRequest timing, bool json, CancellationToken ct)
    {
        if (!yes && !await SecretPrompt.ConfirmAsync(console, $"Restore NAND backup {id} on {host}? The iLO will reset.", ct).ConfigureAwait(false))
        {
            await console.Error.WriteLineAsync("error: restore not confirmed: nothing was changed").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var progress = new StageReporter<RestoreProgress>(console, p => RestoreReport.Describe(host, p), quiet: json);
        var result = await operation.RestoreAsync(id, timing, progress, ct).ConfigureAwait(false);
        await console.Out.WriteLineAsync(json
            ? new JsonObject { ["restored"] = result.Id, ["identityMatches"] = result.IdentityMatches, ["resetObserved"] = result.ResetObserved }.ToJsonString(Output.CliOutput.Compact)
            : $"restored NAND backup {result.Id}: the iLO is back ({result.IdentityAfter}) after {result.Duration.TotalSeconds:0} s").ConfigureAwait(false);
        return result.IdentityMatches ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task WriteListAsync(CliConsole console, NandBackupList list, bool json)
    {
        if (json)
        {
            await CliOutput.WriteJsonAsync(console, new JsonObject
            {
                ["allowed"] = list.Allowed,
                ["count"] = list.Count,
                ["files"] = new JsonArray(list.Files.Select(f => (JsonNode)new JsonObject
                {
                    ["id"] = f.Id, ["takenAt"] = f.Created, ["sizeBytes"] = f.FileSize, ["firmwareVersion"] = f.FirmwareVersion,
                }).ToArray()),
            }).ConfigureAwait(false);
            return;
        }

        if (list.Files.Count == 0)
        {
            await console.Out.WriteLineAsync($"no backup kept on the iLO (it allows {list.Allowed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})").ConfigureAwait(false);
            return;
        }

        foreach (var f in list.Files)
        {
            await console.Out.WriteLineAsync($"{f.Id}\t{f.Created}\t{f.FileSize} bytes\tfirmware {f.FirmwareVersion}").ConfigureAwait(false);
        }
    }
}

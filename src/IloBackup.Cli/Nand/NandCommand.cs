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
    public static Command Create(CliConsole console)
    {
        var command = new Command("nand", "The backup kept on the iLO's own NAND: list, create, delete, restore");
        command.Subcommands.Add(Verb(console, "list", "List the backups kept on the iLO", withId: false));
        command.Subcommands.Add(Verb(console, "create", "Create a backup on the iLO's NAND", withId: false));
        command.Subcommands.Add(Verb(console, "delete", "Delete a backup from the iLO's NAND", withId: true));
        command.Subcommands.Add(Verb(console, "restore", "Restore a backup kept on the iLO; waits for it to reset and come back", withId: true));
        return command;
    }

    private static Command Verb(CliConsole console, string name, string description, bool withId)
    {
        var connection = new ConnectionOptions();
        var id = new Argument<string>("ID") { Description = "The backup's Id (see list)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var deadline = new Option<string>("--deadline") { Description = "How long to wait for the iLO to come back", HelpName = "TIME", DefaultValueFactory = _ => "10m" };
        var command = new Command(name, description);
        connection.AddTo(command);
        if (withId)
        {
            command.Arguments.Add(id);
        }

        if (name == "restore")
        {
            command.Options.Add(yes);
            command.Options.Add(deadline);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var logs = connection.Logs(parse, console);
            if (name == "restore" && !parse.GetValue(yes) && (!console.IsInteractive || connection.Password.ReadsStdin(parse)))
            {
                throw new CliUsageException("restore changes the iLO and resets it: confirm with --yes when not at a terminal");
            }

            using var client = await connection.ClientAsync(parse, console, logs, ct).ConfigureAwait(false);
            var operation = new NandBackupOperation(client, logs.CreateLogger("IloBackup.Engine"));
            var json = parse.GetValue(connection.Json);
            switch (name)
            {
                case "list":
                    await WriteListAsync(console, await operation.ListAsync(ct).ConfigureAwait(false), json).ConfigureAwait(false);
                    break;
                case "create":
                    await WriteListAsync(console, await operation.CreateAsync(ct).ConfigureAwait(false), json).ConfigureAwait(false);
                    break;
                case "delete":
                    await operation.DeleteAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
                    await console.Out.WriteLineAsync(json ? "{\"deleted\": true}" : $"deleted {parse.GetValue(id)}").ConfigureAwait(false);
                    break;
                default:
                    if (!parse.GetValue(yes)
                        && !await SecretPrompt.ConfirmAsync(console, $"Restore NAND backup {parse.GetValue(id)} on {client.Endpoint}? The iLO will reset.", ct).ConfigureAwait(false))
                    {
                        await console.Error.WriteLineAsync("error: restore not confirmed: nothing was changed").ConfigureAwait(false);
                        return ExitCodes.Failed;
                    }

                    var timing = new RestoreRequest { FilePath = "-", Deadline = DurationText.Parse(parse.GetValue(deadline)!, "--deadline") };
                    var progress = new StageReporter<RestoreProgress>(console, p => RestoreReport.Describe(client.Endpoint.ToString(), p), quiet: json);
                    var result = await operation.RestoreAsync(parse.GetValue(id)!, timing, progress, ct).ConfigureAwait(false);
                    await console.Out.WriteLineAsync(json
                        ? new JsonObject { ["restored"] = result.Id, ["identityMatches"] = result.IdentityMatches, ["resetObserved"] = result.ResetObserved }.ToJsonString()
                        : $"restored NAND backup {result.Id}: the iLO is back ({result.IdentityAfter}) after {result.Duration.TotalSeconds:0} s").ConfigureAwait(false);
                    return result.IdentityMatches ? ExitCodes.Ok : ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
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
                    ["id"] = f.Id, ["created"] = f.Created, ["fileSize"] = f.FileSize, ["firmwareVersion"] = f.FirmwareVersion,
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

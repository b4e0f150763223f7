using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Cli.Connection;
using IloBackup.Cli.Output;
using IloBackup.Engine.CustomBackup;

namespace IloBackup.Cli.CustomBackup;

/// <summary><c>ilobackup custom-backup HOST [--enable|--disable]</c>: show or set <c>CustomBackupandRestore</c>.</summary>
internal static class CustomBackupCommand
{
    public static Command Create(CliConsole console)
    {
        var connection = new ConnectionOptions();
        var enable = new Option<bool>("--enable") { Description = "Keep the backed-up configuration and restore it automatically when the iLO loses its own" };
        var disable = new Option<bool>("--disable") { Description = "Turn custom backup and automatic restore off" };
        // The one read-only verb that GETs the backup service (issue 15): the property lives only there.
        var command = new Command("custom-backup",
            "Show or set CustomBackupandRestore (custom backup and automatic restore). Showing it reads the backup service, "
            + "the only place it lives, so the iLO writes a new backup file to its NAND (nothing else changes)");
        connection.AddTo(command);
        command.Options.Add(enable);
        command.Options.Add(disable);
        command.SetAction((parse, outer) =>
        {
            var settings = new CustomBackupSettings { Ilo = IloSettings.From(parse, connection), Enable = parse.GetValue(enable), Disable = parse.GetValue(disable) }.Validate();
            return connection.WithinDeadlineAsync(parse, console, "custom-backup", VerbDefaults.Deadline, async ct =>
            {
                using var logs = connection.Logs(parse, console);
                using var client = await connection.ClientAsync(parse, console, logs, ct).ConfigureAwait(false);
                var operation = new CustomBackupOperation(client, logs.CreateLogger("IloBackup.Engine"));
                var status = settings.Enable ? await operation.SetAsync(true, ct).ConfigureAwait(false)
                    : settings.Disable ? await operation.SetAsync(false, ct).ConfigureAwait(false)
                    : await operation.GetAsync(ct).ConfigureAwait(false);
                if (settings.Ilo.Json)
                {
                    await CliOutput.WriteJsonAsync(console, new JsonObject
                    {
                        ["host"] = client.Endpoint.ToString(),
                        ["supported"] = status.Supported,
                        ["enabled"] = status.Enabled,
                        ["securityState"] = status.SecurityState,
                        ["generation"] = status.Identity.IloGeneration,
                        ["firmwareVersion"] = status.Identity.FirmwareVersion,
                        ["explanation"] = status.Explanation,
                        ["notes"] = new JsonArray(status.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                    }).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                CliOutput.WriteFacts(console, "custom backup and restore", [
                    ("host", client.Endpoint.ToString()),
                    ("iLO", $"{status.Identity.IloGeneration} {status.Identity.FirmwareVersion}"),
                    ("security state", status.SecurityState),
                    ("CustomBackupandRestore", status.Enabled switch { true => "enabled", false => "disabled", null => "not offered" }),
                ]);
                foreach (var line in status.Notes.Prepend(status.Explanation).OfType<string>())
                {
                    await console.Out.WriteLineAsync($"note: {line}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }, outer);
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Cli.Output;
using IloBackup.Engine.Metadata;

namespace IloBackup.Cli.Inspect;

/// <summary><c>ilobackup inspect FILE</c>: what is known about a backup file (its metadata, else its name), never by parsing it.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup file (.bak)" };
        var json = CommonOptions.Json();
        var snapshot = new Option<bool>("--snapshot") { Description = "Also print the readable snapshot" };
        var command = new Command("inspect", "Show what the metadata beside a backup file says about it");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(snapshot);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (path.EndsWith(".bak.json", StringComparison.OrdinalIgnoreCase) && File.Exists(path[..^5]))
            {
                throw new CliUsageException($"{path} is the metadata file of a backup: inspect {path[..^5]}");
            }

            var info = await BackupFileInfo.DescribeAsync(path, ct).ConfigureAwait(false);
            var m = info.Metadata;
            if (m is null && await BackupFileSniffer.WhyNotABackupAsync(path, ct).ConfigureAwait(false) is { } why)
            {
                throw new InvalidDataException(
                    $"{path} is not an iLO backup: {why} (an iLO backup is a binary file of some 15 KB or more, named HPE_<serial>_<date>_<time>.bak)");
            }

            if (parse.GetValue(json))
            {
                var node = m is null ? new JsonObject() : BackupJson.FromMetadata(m);
                if (parse.GetValue(snapshot))
                {
                    node["snapshot"] = m?.Snapshot?.DeepClone();
                }

                node["file"] = info.FilePath;
                node["knowledge"] = info.Knowledge.ToString();
                node["serialNumber"] = info.SerialNumber;
                node["actualSizeBytes"] = info.SizeBytes;
                node["actualSha256"] = info.Sha256;
                node["matchesMetadata"] = info.MatchesMetadata;
                await CliOutput.WriteJsonAsync(console, node).ConfigureAwait(false);
                return info.MatchesMetadata ? ExitCodes.Ok : ExitCodes.Failed;
            }

            CliOutput.WriteFacts(console, Path.GetFileName(info.FilePath), [
                ("known from", info.Knowledge switch
                {
                    BackupFileKnowledge.Metadata => "its metadata file",
                    BackupFileKnowledge.FileName => "its file name only (no metadata beside it)",
                    _ => "nothing (no metadata, not an HPE_<serial>_ name): restore needs --force",
                }),
                ("serial number", info.SerialNumber),
                ("product", m is null ? null : $"{m.Identity.ProductName} ({m.Identity.ProductId})"),
                ("iLO", m is null ? null : $"{m.Identity.IloGeneration} {m.Identity.FirmwareVersion}"),
                ("taken from", m?.Host),
                ("created (UTC)", m?.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                ("size", CliOutput.Size(info.SizeBytes)),
                ("sha256", info.Sha256),
                ("matches metadata", m is null ? "-" : info.MatchesMetadata ? "yes" : "NO: changed or damaged since the backup"),
                ("password-protected", m is null ? "unknown" : m.PasswordProtected ? "yes" : "no"),
                ("snapshot", m?.Snapshot is null ? "no" : "yes"),
            ]);
            if (parse.GetValue(snapshot) && m?.Snapshot is not null)
            {
                await CliOutput.WriteJsonAsync(console, m.Snapshot).ConfigureAwait(false);
            }

            return info.MatchesMetadata ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Cli.Connection;
using IloBackup.Cli.Output;
using IloBackup.Engine.Backup;

namespace IloBackup.Cli.Backup;

/// <summary><c>ilobackup backup HOST</c>: create and download the backup, with its metadata and readable snapshot beside it.</summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var connection = new ConnectionOptions();
        var filePassword = new FilePasswordOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Directory (keeps the iLO's file name) or file to write", HelpName = "DIR|FILE", DefaultValueFactory = _ => ".",
        };
        var noSnapshot = new Option<bool>("--no-snapshot") { Description = "Skip the readable snapshot (the fastest backup)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing file of the same name (else a name already taken gets -2, -3, ...)" };
        var maxSize = MaxBackupSize.Create();
        var command = new Command("backup", "Back up one iLO's configuration to a file, with metadata and a readable snapshot beside it");
        connection.AddTo(command);
        foreach (var option in filePassword.All.Concat([output, noSnapshot, overwrite, maxSize]))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, outer) =>
        {
            var settings = new BackupSettings
            {
                Ilo = IloSettings.From(parse, connection), FilePassword = FilePasswordSettings.From(parse, filePassword), Output = parse.GetValue(output)!,
                Overwrite = parse.GetValue(overwrite), NoSnapshot = parse.GetValue(noSnapshot), MaxBackupSize = parse.GetValue(maxSize),
            }.Validate(console.IsInteractive);
            return connection.WithinDeadlineAsync(parse, console, "backup", VerbDefaults.Deadline, ct => RunAsync(console, connection, filePassword, parse, settings, ct), outer);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console, ConnectionOptions connection, FilePasswordOptions filePassword, ParseResult parse, BackupSettings settings, CancellationToken ct)
    {
        using var logs = connection.Logs(parse, console);
        var endpoint = settings.Ilo.Endpoint;
        var password = await filePassword.ReadAsync(parse, console, settings.Ilo.PasswordStdin, required: false, ct).ConfigureAwait(false);
        var limit = settings.MaxBackupBytes;
        using var sink = new FolderSink(settings.Output, settings.Overwrite);
        sink.CheckWritable();
        using var client = await connection.ClientAsync(parse, console, logs, ct, o => o with { MaxBackupBytes = limit }).ConfigureAwait(false);
        var json = settings.Ilo.Json;
        var progress = new StageReporter<BackupProgress>(console, p => Describe(endpoint.ToString(), p), quiet: json);
        var result = await new BackupOperation(client, logs.CreateLogger("IloBackup.Engine"))
            .RunAsync(new BackupRequest
            {
                FilePassword = password,
                IncludeSnapshot = !settings.NoSnapshot,
                Tool = $"ilobackup/{CliApp.Version}",
            }, sink, progress, ct).ConfigureAwait(false);
        await WriteAsync(console, result, sink.MetadataPath, json).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string? Describe(string host, BackupProgress progress) => progress.Stage switch
    {
        BackupStage.LoggingIn => $"{host}: logging in",
        BackupStage.CreatingBackup => $"{host}: creating the backup on the iLO",
        BackupStage.Downloading => $"{host}: downloading",
        BackupStage.ReadingSnapshot => $"{host}: reading the configuration snapshot",
        _ => null,
    };

    private static async Task WriteAsync(CliConsole console, BackupResult result, string? metadataPath, bool json)
    {
        var m = result.Metadata;
        if (json)
        {
            var node = BackupJson.FromMetadata(m);
            node["file"] = result.FilePath;
            node["metadataFile"] = metadataPath;
            node["snapshot"] = m.Snapshot is not null;
            node["durationSeconds"] = Math.Round(result.Duration.TotalSeconds, 3);
            node["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray());
            await CliOutput.WriteJsonAsync(console, node).ConfigureAwait(false);
            return;
        }

        CliOutput.WriteFacts(console, "backup", [
            ("file", result.FilePath),
            ("metadata", metadataPath),
            ("server", $"{m.Identity.ProductName} ({m.Identity.ProductId}), serial {m.Identity.SerialNumber}"),
            ("iLO", $"{m.Identity.IloGeneration} {m.Identity.FirmwareVersion}"),
            ("size", CliOutput.Size(m.SizeBytes)),
            ("sha256", m.Sha256),
            ("password-protected", m.PasswordProtected ? "yes" : "no"),
            ("snapshot", m.Snapshot is null ? "no" : "yes"),
            ("took", $"{result.Duration.TotalSeconds:0.0} s"),
        ]);
        foreach (var warning in result.Warnings)
        {
            await console.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }
    }
}

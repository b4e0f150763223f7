using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Cli.Show;

/// <summary><c>ilobackup show ID</c>: everything the catalog knows of one backup, snapshot included.</summary>
internal static class ShowCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "Backup id (see ilobackup history)" };
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command("show", "Show one backup of the repository with its readable snapshot") { id, repo, json };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new ShowSettings { Repo = new RepoSettings { Repo = parse.GetValue(repo), Json = parse.GetValue(json) }, Id = parse.GetValue(id)! }.Validate();
            var backupId = settings.BackupId;
            await using var repository = await RepoCli.OpenAsync(settings.Repo.Repo, readOnly: true, ct).ConfigureAwait(false);
            var entry = await repository.GetAsync(backupId, ct).ConfigureAwait(false)
                ?? throw new RepositoryException($"no backup {backupId} in {repository.Location}");
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w => EntryJson.Write(w, entry, withSnapshot: true))).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await console.Out.WriteLineAsync(Describe(entry, repository)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(BackupEntry e, BackupRepository repository)
    {
        var lines = new List<(string, string?)>
        {
            ("backup", e.Id.ToString(CultureInfo.InvariantCulture)),
            ("outcome", e.IsGood ? "succeeded" : $"failed: {e.FailureReason}"),
            ("suspect", e.Suspect ? $"yes: {e.SuspectReason ?? "marked suspect"} (restore by serial and prune pass it over; --backup {e.Id} restores it)" : null),
            ("taken", RepoCli.Time(e.TakenAt)),
            ("host", e.Host),
            ("runner", e.Runner),
            ("run", e.RunId),
            ("serial", e.Identity.SerialNumber),
            ("product", e.Identity.ProductId is null ? e.Identity.ProductName : $"{e.Identity.ProductName} ({e.Identity.ProductId})"),
            ("iLO", e.Identity.FirmwareVersion is null ? e.Identity.IloGeneration : $"{e.Identity.IloGeneration} firmware {e.Identity.FirmwareVersion}"),
        };
        if (e.IsGood)
        {
            lines.Add(("file", e.FileName));
            lines.Add(("size", string.Create(CultureInfo.InvariantCulture, $"{e.Size} bytes")));
            lines.Add(("sha256", e.Sha256));
            lines.Add(("object", repository.Store.Locate(repository.Store.NameOf(e.Sha256!))));
            lines.Add(("password", e.PasswordProtected ? "protected (give it again to restore)" : "none"));
            lines.Add(("snapshot", e.Snapshot is null ? "none taken"
                : e.SnapshotUnchanged switch { true => "unchanged since the previous backup", false => "changed since the previous backup", null => "first of this server" }));
        }

        var text = string.Join('\n', lines.Where(l => l.Item2 is not null).Select(l => $"{l.Item1,-9} {l.Item2}"));
        if (e.Snapshot is not null)
        {
            text += "\n\n" + Pretty(e.Snapshot);
        }

        return text;
    }

    private static string Pretty(string snapshot)
    {
        try
        {
            return SnapshotText.Parse(snapshot)?.ToJsonString(Output.CliOutput.Indented) ?? snapshot;
        }
        catch (JsonException)
        {
            return snapshot;
        }
    }
}

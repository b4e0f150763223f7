using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Cli.Diff;

/// <summary><c>ilobackup diff A B</c>: what changed in the configuration between two backups' readable snapshots.</summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var first = new Argument<string>("A") { Description = "The older backup: a file, or a repository backup id" };
        var second = new Argument<string>("B") { Description = "The newer backup: a file, or a repository backup id" };
        var repo = Repository.RepoCli.RepoOption();
        var json = Output.CommonOptions.Json();
        var command = new Command("diff", "Compare the readable configuration snapshots of two backups");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        command.Options.Add(json);
        command.Options.Add(repo);
        command.SetAction(async (parse, ct) =>
        {
            var a = await SnapshotOfAsync(parse.GetValue(first)!, parse.GetValue(repo), ct).ConfigureAwait(false);
            var b = await SnapshotOfAsync(parse.GetValue(second)!, parse.GetValue(repo), ct).ConfigureAwait(false);
            if (a["formatVersion"]?.ToJsonString() != b["formatVersion"]?.ToJsonString())
            {
                await console.Error.WriteLineAsync("warning: the two snapshots were taken by different versions of ilobackup: some differences are only in what each kept").ConfigureAwait(false);
            }

            var differences = SnapshotDiff.Compare(a, b);
            await DiffReport.WriteAsync(console, differences, parse.GetValue(json)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<JsonObject> SnapshotOfAsync(string file, string? repo, CancellationToken cancellationToken)
    {
        if (RepositorySnapshot.IsId(file))
        {
            return await RepositorySnapshot.LoadAsync(file, repo, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(file))
        {
            throw new CliUsageException($"{file} does not exist");
        }

        var metadata = await BackupMetadataFile.TryReadAsync(file, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{file} has no metadata beside it ({BackupMetadataFile.SidecarPath(file)}): nothing to compare");
        return metadata.Snapshot
            ?? throw new InvalidOperationException($"{file} was backed up without a snapshot (--no-snapshot): nothing to compare");
    }
}

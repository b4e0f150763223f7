using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;

namespace IloBackup.Cli.Verify;

/// <summary><c>ilobackup verify</c>: re-hash every object; exit 1 when any is damaged or missing.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command(
            "verify", "Re-hash every backup file of the repository and report any that no longer matches or is missing") { repo, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var repository = await RepoCli.OpenAsync(parse.GetValue(repo), readOnly: false, ct).ConfigureAwait(false);
            var report = await repository.VerifyAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("healthy", report.IsHealthy);
                    w.WriteNumber("objectsChecked", report.ObjectsChecked);
                    w.WriteNumber("orphanObjectsRemoved", report.OrphanObjects);
                    w.WriteNumber("temporaryFilesRemoved", report.TemporaryFilesRemoved);
                    foreach (var (name, problems) in new[] { ("corrupt", report.Corrupt), ("missing", report.Missing) })
                    {
                        w.WriteStartArray(name);
                        foreach (var p in problems)
                        {
                            w.WriteStartObject();
                            w.WriteString("sha256", p.Sha256);
                            if (p.ActualSha256 is not null)
                            {
                                w.WriteString("actualSha256", p.ActualSha256);
                            }

                            w.WriteStartArray("backups");
                            foreach (var id in p.EntryIds)
                            {
                                w.WriteNumberValue(id);
                            }

                            w.WriteEndArray();
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                })).ConfigureAwait(false);
            }
            else
            {
                foreach (var p in report.Corrupt)
                {
                    await console.Out.WriteLineAsync(
                        $"CORRUPT  object {p.Sha256} now hashes to {p.ActualSha256} (backups {string.Join(", ", p.EntryIds)})").ConfigureAwait(false);
                }

                foreach (var p in report.Missing)
                {
                    await console.Out.WriteLineAsync(
                        $"MISSING  object {p.Sha256} (backups {string.Join(", ", p.EntryIds)})").ConfigureAwait(false);
                }

                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{report.ObjectsChecked} objects checked, {report.Corrupt.Count} corrupt, {report.Missing.Count} missing; "
                    + $"removed {report.OrphanObjects} unreferenced objects and {report.TemporaryFilesRemoved} temporary files")).ConfigureAwait(false);
            }

            if (!report.IsHealthy)
            {
                await console.Error.WriteLineAsync(
                    $"error: the repository at {repository.Directory} has damaged or missing backup files").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Verify;

/// <summary>
/// <c>ilobackup verify</c>: SQLite's integrity check of the catalog and a re-hash of every object; exit 1 when
/// the catalog is damaged or any object is damaged or missing. Never writes to the repository.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command(
            "verify",
            "Check the catalog (SQLite integrity check) and re-hash every backup file; report damage. Changes nothing") { repo, json };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new RepoSettings { Repo = parse.GetValue(repo), Json = parse.GetValue(json) };
            var directory = settings.Directory;
            var report = await BackupRepository.VerifyDirectoryAsync(directory, null, ct).ConfigureAwait(false);
            if (settings.Json)
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("healthy", report.IsHealthy);
                    w.WriteNumber("objectsChecked", report.ObjectsChecked);
                    w.WriteBoolean("catalogHealthy", report.CatalogIsHealthy);
                    w.WriteStartArray("catalogProblems");
                    foreach (var problem in report.CatalogProblems)
                    {
                        w.WriteStringValue(problem);
                    }

                    w.WriteEndArray();
                    w.WriteNumber("unreferencedObjects", report.OrphanObjects);
                    w.WriteNumber("temporaryFiles", report.TemporaryFiles);
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
                foreach (var problem in report.CatalogProblems)
                {
                    await console.Out.WriteLineAsync($"CATALOG  {problem}").ConfigureAwait(false);
                }

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
                    $"catalog {(report.CatalogIsHealthy ? "ok" : "DAMAGED")}; {report.ObjectsChecked} objects checked, {report.Corrupt.Count} corrupt, {report.Missing.Count} missing; "
                    + $"{report.OrphanObjects} unreferenced objects kept (prune --orphans removes them), {report.TemporaryFiles} temporary files")).ConfigureAwait(false);
            }

            if (!report.CatalogIsHealthy)
            {
                await console.Error.WriteLineAsync(
                    $"error: the catalog of the repository at {directory} is damaged ({report.CatalogProblems[0]}); {CatalogRecovery.WaysOut(directory)}")
                    .ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            if (!report.IsHealthy)
            {
                await console.Error.WriteLineAsync(
                    $"error: the repository at {directory} has damaged or missing backup files").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

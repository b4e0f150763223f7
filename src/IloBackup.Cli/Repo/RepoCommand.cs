using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Repo;

/// <summary>
/// <c>ilobackup repo rebuild-catalog | restore-catalog</c>: the ways out of a lost or damaged catalog
/// (docs/repository.md, "Recovery"); <c>ilobackup repo migrate</c> (<see cref="MigrateCommand"/>); <c>ilobackup repo key create</c>: an
/// encryption key (docs/encryption.md).
/// </summary>
internal static class RepoCommand
{
    public static Command Create(CliConsole console) =>
        new("repo", "Repair the repository's catalog (rebuild it from the backup files, or bring back its copy), copy a repository into another kind, or create an encryption key")
        {
            RepoKeyCommand.Create(console),
            MigrateCommand.Create(console),
            Verb(
                console,
                "rebuild-catalog",
                "Rebuild the catalog from the backup files and their metadata records (files without one come back as 'unknown server')",
                CatalogRecovery.RebuildAsync),
            Verb(
                console,
                "restore-catalog",
                $"Bring back the catalog copy ({CatalogCopy.FileName}) saved by the last writing run, then add newer backups from their records",
                CatalogRecovery.RestoreAsync),
        };

    private static Command Verb(
        CliConsole console,
        string name,
        string description,
        Func<string, bool, TimeProvider?, CancellationToken, Task<CatalogRecoveryReport>> run)
    {
        var repo = RepoCli.RepoOption();
        var force = new Option<bool>("--force")
        {
            Description = "Replace a healthy catalog that holds entries (it is moved aside, never deleted)",
        };
        var json = RepoCli.JsonOption();
        var command = new Command(name, description) { repo, force, json };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new RepoSettings { Repo = parse.GetValue(repo), Json = parse.GetValue(json) };
            var report = await run(settings.Directory, parse.GetValue(force), null, ct).ConfigureAwait(false);
            if (settings.Json)
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartObject();
                    if (report.MovedAside is { } aside)
                    {
                        w.WriteString("movedAside", aside);
                    }

                    w.WriteNumber("fromCopy", report.FromCopy);
                    w.WriteNumber("fromRecords", report.FromRecords);
                    w.WriteNumber("unknownServer", report.UnknownServer);
                    w.WriteNumber("unreadableRecords", report.UnreadableRecords);
                    w.WriteNumber("unreadableObjects", report.UnreadableObjects);
                    w.WriteNumber("entries", report.Total);
                    w.WriteEndObject();
                })).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (report.MovedAside is { } previous)
            {
                await console.Out.WriteLineAsync($"the previous catalog was kept as {previous}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"catalog {(name == "rebuild-catalog" ? "rebuilt" : "restored")}: {report.Total} entries ({report.FromCopy} from the copy, "
                + $"{report.FromRecords} from records, {report.UnknownServer} files without a record as '{CatalogRecovery.UnknownServer}')"))
                .ConfigureAwait(false);
            if (report.UnreadableRecords > 0)
            {
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"warning: {report.UnreadableRecords} records could not be read")).ConfigureAwait(false);
            }

            if (report.UnreadableObjects > 0)
            {
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: {report.UnreadableObjects} files without a record could not be read (damaged, or not under this key): left in the store, not catalogued"))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

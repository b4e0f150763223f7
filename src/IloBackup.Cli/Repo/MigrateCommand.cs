using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository.Migration;

namespace IloBackup.Cli.Repo;

/// <summary>
/// <c>ilobackup repo migrate --from A --to B</c>: copies a repository between any two kinds, verifying every object,
/// resumable after a crash, the source untouched (<see cref="RepositoryMigration"/>; docs/repository.md, "Migrating a
/// repository"). Progress on stderr (about twenty lines), a summary (or <c>--json</c>) on stdout.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from")
        {
            Description = "The repository to copy: a folder or a repository file (it is only read)",
            HelpName = "REPO",
        };
        var to = new Option<string>("--to")
        {
            Description = "Where to copy it: a folder or a repository file, empty or a migration of the same source to resume",
            HelpName = "REPO",
        };
        var json = RepoCli.JsonOption();
        var command = new Command(
            "migrate",
            "Copy a repository into another of any kind (folder, PostgreSQL, S3, encrypted): every backup, failed attempt and record, "
            + "under the same ids, each file verified in the target. Run it again to resume after an interruption; the source is never changed")
        {
            from,
            to,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new MigrateSettings { From = parse.GetValue(from), To = parse.GetValue(to), Json = parse.GetValue(json) }.Validate();
            var every = 1;
            var options = new MigrationOptions
            {
                TimeProvider = console.Time,
                Progress = p =>
                {
                    every = Math.Max(1, p.RowsTotal / 20);
                    if (p.RowsHandled % every == 0 || p.RowsHandled == p.RowsTotal)
                    {
                        console.Error.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"migrate: {p.RowsHandled}/{p.RowsTotal} rows, {p.ObjectsCopied} objects copied ({RepoCli.Size(p.BytesCopied)}), {p.SkippedAsDone} skipped as done"));
                    }
                },
            };
            var report = await RepositoryMigration.RunAsync(settings.From!, settings.To!, options, ct).ConfigureAwait(false);
            if (settings.Json)
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w => Write(w, report))).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"migrated {report.From} to {report.To}: {report.Rows} rows ({report.RowsCopied} copied, {report.RowsSkipped} there already), "
                + $"{report.Objects} objects ({report.ObjectsCopied} copied and verified, {report.ObjectsSkipped} there already and verified), "
                + $"{RepoCli.Size(report.BytesCopied)} copied, {report.RecordsCopied} records copied ({report.RecordsSkipped} there already)")).ConfigureAwait(false);
            if (report.MissingRecords > 0)
            {
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"warning: {report.MissingRecords} rows name a metadata record the source does not hold")).ConfigureAwait(false);
            }

            if (report.UnreferencedObjectsLeft > 0)
            {
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"note: {report.UnreferencedObjectsLeft} objects of the source that no backup refers to were not copied (prune --orphans removes them)")).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, MigrationReport r)
    {
        w.WriteStartObject();
        w.WriteString("from", r.From);
        w.WriteString("to", r.To);
        w.WriteNumber("rows", r.Rows);
        w.WriteNumber("rowsCopied", r.RowsCopied);
        w.WriteNumber("rowsSkipped", r.RowsSkipped);
        w.WriteNumber("objects", r.Objects);
        w.WriteNumber("objectsCopied", r.ObjectsCopied);
        w.WriteNumber("objectsSkipped", r.ObjectsSkipped);
        w.WriteNumber("bytesCopied", r.BytesCopied);
        w.WriteNumber("recordsCopied", r.RecordsCopied);
        w.WriteNumber("recordsSkipped", r.RecordsSkipped);
        w.WriteNumber("missingRecords", r.MissingRecords);
        w.WriteNumber("unreferencedObjectsLeft", r.UnreferencedObjectsLeft);
        w.WriteNumber("skippedAsDone", r.SkippedAsDone);
        w.WriteEndObject();
    }
}

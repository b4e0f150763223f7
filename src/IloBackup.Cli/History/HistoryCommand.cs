using System.CommandLine;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.History;

/// <summary><c>ilobackup history [--serial S]</c>: the repository's entries, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var serial = new Option<string?>("--serial") { Description = "Only this server (serial number)", HelpName = "S" };
        var limit = new Option<int?>("--limit") { Description = "At most N entries", HelpName = "N" };
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command("history", "List the backups in the repository, newest first (failed attempts too)")
        {
            serial, limit, repo, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new HistorySettings
            {
                Repo = new RepoSettings { Repo = parse.GetValue(repo), Json = parse.GetValue(json) }, Serial = parse.GetValue(serial), Limit = parse.GetValue(limit),
            }.Validate();
            await using var repository = await RepoCli.OpenAsync(settings.Repo.Repo, readOnly: true, ct).ConfigureAwait(false);
            var entries = await repository.Catalog.ListAsync(new BackupQuery { Serial = settings.Serial, Limit = settings.Limit }, ct).ConfigureAwait(false);
            if (settings.Repo.Json)
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartArray();
                    foreach (var entry in entries)
                    {
                        EntryJson.Write(w, entry, withSnapshot: false);
                    }

                    w.WriteEndArray();
                })).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                await console.Out.WriteLineAsync("no backups yet").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            // At a terminal its width; else 80 columns (scripts read --json).
            var width = console.IsInteractive ? Math.Max(RepoCli.Ansi(console).Profile.Width, 60) : 80;
            await console.Out.WriteAsync(HistoryTable.Render(entries, width)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

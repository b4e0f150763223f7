using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;
using Spectre.Console;

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
            if (parse.GetValue(limit) is < 1)
            {
                throw new CliUsageException("--limit must be at least 1");
            }

            await using var repository = await RepoCli.OpenAsync(parse.GetValue(repo), readOnly: true, ct).ConfigureAwait(false);
            var entries = await repository.Catalog.ListAsync(
                new BackupQuery { Serial = parse.GetValue(serial), Limit = parse.GetValue(limit) }, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
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

            Render(RepoCli.Ansi(console), entries);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(IAnsiConsole ansi, IReadOnlyList<BackupEntry> entries)
    {
        if (entries.Count == 0)
        {
            ansi.WriteLine("no backups yet");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("ID", "Taken (UTC)", "Serial", "Host", "iLO", "Firmware", "Size", "Snapshot", "Outcome");
        foreach (var e in entries)
        {
            table.AddRow(
                e.Id.ToString(CultureInfo.InvariantCulture),
                RepoCli.Time(e.TakenAt),
                Markup.Escape(e.Identity.SerialNumber ?? "?"),
                Markup.Escape(e.Host),
                Markup.Escape(e.Identity.IloGeneration ?? "-"),
                Markup.Escape(e.Identity.FirmwareVersion ?? "-"),
                RepoCli.Size(e.Size) + (e.PasswordProtected ? " (pw)" : string.Empty),
                e.SnapshotUnchanged switch { true => "unchanged", false => "changed", null => "-" },
                e.IsGood ? e.Suspect ? $"[yellow]suspect[/]: {Markup.Escape(e.SuspectReason ?? "marked suspect")}" : "[green]ok[/]"
                    : $"[red]failed[/]: {Markup.Escape(e.FailureReason ?? "?")}");
        }

        ansi.Write(table);
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} entries"));
    }
}

using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Prune;

/// <summary><c>ilobackup prune --keep-last N --keep-within DAYS</c>: retention, never a server's last good backup.</summary>
internal static class PruneCommand
{
    public static Command Create(CliConsole console)
    {
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep each server's newest N good backups", HelpName = "N" };
        var keepWithin = new Option<double?>("--keep-within") { Description = "Keep everything newer than DAYS days", HelpName = "DAYS" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed; change nothing" };
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command(
            "prune", "Remove old backups by a retention policy (a server's newest good backup is always kept)")
        {
            keepLast, keepWithin, dryRun, repo, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var policy = new PrunePolicy(
                parse.GetValue(keepLast), parse.GetValue(keepWithin) is { } days ? TimeSpan.FromDays(days) : null);
            try
            {
                policy.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message, ex);
            }

            var dry = parse.GetValue(dryRun);
            await using var repository = await RepoCli.OpenAsync(parse.GetValue(repo), readOnly: dry, ct).ConfigureAwait(false);
            var report = await repository.PruneAsync(policy, dry, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("dryRun", report.DryRun);
                    w.WriteNumber("kept", report.KeptEntries);
                    w.WriteNumber("objectsRemoved", report.RemovedObjects);
                    w.WriteNumber("bytesFreed", report.FreedBytes);
                    w.WriteStartArray("removed");
                    foreach (var e in report.RemovedEntries)
                    {
                        EntryJson.Write(w, e, withSnapshot: false);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                })).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var verb = report.DryRun ? "would remove" : "removed";
            foreach (var e in report.RemovedEntries)
            {
                await console.Out.WriteLineAsync(
                    $"{verb} {e.Id} {RepoCli.Time(e.TakenAt)} {e.Serial ?? e.Host} {(e.IsGood ? "ok" : "failed")}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{verb} {report.RemovedEntries.Count} entries and {report.RemovedObjects} files ({RepoCli.Size(report.FreedBytes)}); kept {report.KeptEntries}"))
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

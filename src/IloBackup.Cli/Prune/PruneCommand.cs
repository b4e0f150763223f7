using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Prune;

/// <summary>
/// <c>ilobackup prune --keep-last N --keep-within DAYS [--orphans [--grace 7d]]</c>: retention, never a server's
/// last good backup (its file re-hashed first); exit 1 naming any server whose kept backups are not good.
/// </summary>
internal static class PruneCommand
{
    public static Command Create(CliConsole console)
    {
        var keepLast = new Option<int?>("--keep-last") { Description = "Keep each server's newest N good backups", HelpName = "N" };
        var keepWithin = new Option<double?>("--keep-within") { Description = "Keep everything newer than DAYS days", HelpName = "DAYS" };
        var orphans = new Option<bool>("--orphans")
        {
            Description = "Also remove backup files no catalog entry refers to (with their records), if older than --grace",
        };
        var grace = new Option<string?>("--grace") { Description = "With --orphans: spare files younger than this (default 7d; 12h, 30m...)", HelpName = "AGE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed; change nothing" };
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var wait = RepoCli.WaitOption();
        var command = new Command(
            "prune", "Remove old backups by a retention policy (a server's newest good backup is always kept)")
        {
            keepLast, keepWithin, orphans, grace, dryRun, repo, json, wait,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(grace) is not null && !parse.GetValue(orphans))
            {
                throw new CliUsageException("--grace goes with --orphans");
            }

            var policy = new PrunePolicy(
                parse.GetValue(keepLast), parse.GetValue(keepWithin) is { } days ? TimeSpan.FromDays(days) : null)
            {
                RemoveOrphans = parse.GetValue(orphans),
                OrphanGrace = parse.GetValue(grace) is { } text ? DurationText.Parse(text, "--grace") : PrunePolicy.DefaultOrphanGrace,
            };
            try
            {
                policy.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message, ex);
            }

            var dry = parse.GetValue(dryRun);
            await using var repository = dry
                ? await RepoCli.OpenAsync(parse.GetValue(repo), readOnly: true, ct).ConfigureAwait(false)
                : await RepoCli.OpenForWritingAsync(parse.GetValue(repo), create: false, parse.GetValue(wait), console, ct).ConfigureAwait(false);
            var report = await repository.PruneAsync(policy, dry, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(PruneJson.Render(report)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(console, report).ConfigureAwait(false);
            }

            foreach (var problem in report.Problems)
            {
                await console.Error.WriteLineAsync($"error: prune: {problem.Describe()}").ConfigureAwait(false);
            }

            return report.Problems.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteTextAsync(CliConsole console, PruneReport report)
    {
        var verb = report.DryRun ? "would remove" : "removed";
        foreach (var e in report.RemovedEntries)
        {
            await console.Out.WriteLineAsync(
                $"{verb} {e.Id} {RepoCli.Time(e.TakenAt)} {e.Identity.SerialNumber ?? e.Host} {(e.IsGood ? "ok" : "failed")}").ConfigureAwait(false);
        }

        foreach (var orphan in report.OrphansRemoved)
        {
            await console.Out.WriteLineAsync($"{verb} unreferenced file {orphan.Sha256} ({RepoCli.Size(orphan.Size)})").ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{verb} {report.RemovedEntries.Count} entries and {report.RemovedObjects} files ({RepoCli.Size(report.FreedBytes)}); kept {report.KeptEntries}"))
            .ConfigureAwait(false);
        if (report.OrphansRemoved.Count > 0 || report.OrphansSpared > 0)
        {
            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{verb} {report.OrphansRemoved.Count} unreferenced files; spared {report.OrphansSpared} younger than the grace period")).ConfigureAwait(false);
        }
    }
}

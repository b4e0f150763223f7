using System.CommandLine;
using IloBackup.Cli.Fleet;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Drift;

namespace IloBackup.Cli.Drift;

/// <summary>
/// <c>ilobackup drift --baseline FILE [--repo REPO] [--inventory FILE]</c>: each server's newest good backup against the
/// baselines of its tags (docs/drift.md), read-only. Exit 4 when a server drifted or could not be checked, for CI.
/// </summary>
internal static class DriftCommand
{
    public static Command Create(CliConsole console)
    {
        var baseline = new Option<string>("--baseline") { Description = "The baseline file (YAML: docs/drift.md)", HelpName = "FILE", Required = true };
        var inventory = new Option<string?>("--inventory") { Description = "The inventory: servers' tags choose their baselines; hosts never backed up are listed", HelpName = "FILE" };
        var repo = RepoCli.RepoOption();
        var json = RepoCli.JsonOption();
        var command = new Command("drift", "Compare each server's newest good backup with its baseline; exit 4 on deviations")
        {
            baseline, inventory, repo, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new DriftSettings
            {
                Repo = new RepoSettings { Repo = parse.GetValue(repo), Json = parse.GetValue(json) },
                Baseline = parse.GetValue(baseline)!,
                Inventory = parse.GetValue(inventory),
            }.Validate();
            var report = await EvaluateAsync(settings, ct).ConfigureAwait(false);
            var code = report.HasFindings ? ExitCodes.Findings : ExitCodes.Ok;
            if (settings.Repo.Json)
            {
                await console.Out.WriteLineAsync(DriftJson.Render(report, code)).ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteAsync(DriftTable.Render(report)).ConfigureAwait(false);
            }

            return code;
        });
        return command;
    }

    private static async Task<DriftReport> EvaluateAsync(DriftSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var baselines = await DriftBaselineFile.LoadAsync(settings.Baseline, cancellationToken).ConfigureAwait(false);
            var inventory = settings.Inventory is null ? null : await FleetInventoryFile.LoadAsync(settings.Inventory, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> TagsOf(string host) =>
                inventory?.Hosts.FirstOrDefault(h => string.Equals(h.Address, host, StringComparison.OrdinalIgnoreCase))?.Tags ?? [];
            await using var repository = await RepoCli.OpenAsync(settings.Repo.Repo, readOnly: true, cancellationToken).ConfigureAwait(false);
            return await DriftEvaluator.EvaluateAsync(baselines, repository.Catalog, TagsOf, inventory?.Hosts.Select(h => h.Address).ToList(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DriftBaselineException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }
}

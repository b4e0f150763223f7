using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Fleet;
using Spectre.Console;

namespace IloBackup.Cli.Fleet;

/// <summary>The human summary of a fleet run: one row per iLO, then the totals.</summary>
internal static class FleetReportTable
{
    public static void Write(IAnsiConsole ansi, string title, FleetReport report, bool withBackups)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
        table.AddColumns("Host", "Serial", "Firmware", "Result");
        if (withBackups)
        {
            table.AddColumns("Backup", "Size", "Snapshot");
        }

        var runner = report.Runner?.Runner;
        if (runner is not null)
        {
            table.AddColumn("Runner");
        }

        table.AddColumns("Time", "Note");
        foreach (var o in report.Outcomes)
        {
            var r = o.Result;
            var status = r?.Suspect == true ? "[yellow]SUSPECT[/]" : o.Status switch
            {
                HostStatus.Succeeded => "[green]ok[/]",
                HostStatus.Skipped => "[grey]skipped[/]",
                HostStatus.Taken => "[grey]taken[/]",
                _ => "[red]FAILED[/]",
            };
            var firmware = Markup.Escape(r?.Identity.FirmwareVersion ?? "-") + (r?.WasStale == true ? " [yellow](stale)[/]" : string.Empty);
            var cells = new List<string> { Markup.Escape(o.Host.Address), Markup.Escape(r?.Identity.SerialNumber ?? o.Host.Serial ?? "-"), firmware, status };
            if (withBackups)
            {
                cells.Add(r?.BackupId?.ToString(CultureInfo.InvariantCulture) ?? "-");
                cells.Add(RepoCli.Size(r?.Size));
                cells.Add(r?.SnapshotUnchanged switch { true => "unchanged", false => "changed", null => "-" });
            }

            if (runner is not null)
            {
                cells.Add(Markup.Escape(r?.Runner ?? (o.Status is HostStatus.Succeeded or HostStatus.Failed ? runner : "-")));
            }

            cells.Add(Duration.Format(o.Duration));
            cells.Add(Markup.Escape(o.Reason ?? (r?.Suspect == true ? r.SuspectReason : null) ?? r?.Message ?? string.Empty));
            table.AddRow(cells.ToArray());
        }

        ansi.Write(table);
        ansi.MarkupLine(Totals(report));
        if (report.Runner is { } who)
        {
            ansi.MarkupLine(Markup.Escape(RunnerLine(who)));
        }
        if (report.Interruption is { } interruption)
        {
            // Issue 15: the partial report of a run stopped by Ctrl+C.
            ansi.MarkupLine($"[yellow]interrupted: {Markup.Escape(interruption)}[/]");
            WriteHosts(ansi, "interrupted while running", report.CutShort);
            WriteHosts(ansi, "not started", report.NotStarted);
        }
    }

    private static void WriteHosts(IAnsiConsole ansi, string what, IReadOnlyList<IloBackup.Engine.Inventory.InventoryHost> hosts)
    {
        if (hosts.Count > 0)
        {
            ansi.MarkupLine(Markup.Escape($"{what}: {string.Join(", ", hosts.Select(h => h.Address))}"));
        }
    }

    /// <summary>The runner, its run and its lease figures, one line (issue 20).</summary>
    public static string RunnerLine(RunnerSummary who) => who.RunId is null ? $"runner {who.Runner}" : string.Create(
        CultureInfo.InvariantCulture,
        $"runner {who.Runner}, run {who.RunId}: {who.LeasesTaken} leases taken, {who.TakenByOthers} servers taken by other runners, {who.TakenOver} taken over, lease wait {who.LeaseWait.TotalMilliseconds:0} ms");

    public static string Totals(FleetReport report)
    {
        var parts = new List<string> { $"[green]{report.Succeeded} ok[/]" };
        if (report.Skipped > 0)
        {
            parts.Add($"{report.Skipped} skipped (current)");
        }

        if (report.Taken > 0)
        {
            parts.Add($"{report.Taken} taken by other runners");
        }

        parts.Add(report.Failed > 0 ? $"[red]{report.Failed} failed[/]" : "0 failed");
        if (report.FirstBackups > 0)
        {
            parts.Add($"{report.FirstBackups} backed up for the first time");
        }

        if (report.Suspect > 0)
        {
            parts.Add($"[yellow]{report.Suspect} suspect[/] (looks reset or lost settings: not used by restore or prune)");
        }

        if (report.Stale > 0)
        {
            parts.Add($"[yellow]{report.Stale} stale[/] (firmware newer than their last backup)");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Outcomes.Count} iLOs: {string.Join(", ", parts)} in {Duration.Format(report.Duration)}");
    }
}

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

        table.AddColumns("Time", "Note");
        foreach (var o in report.Outcomes)
        {
            var r = o.Result;
            var status = r?.Suspect == true ? "[yellow]SUSPECT[/]" : o.Status switch
            {
                HostStatus.Succeeded => "[green]ok[/]",
                HostStatus.Skipped => "[grey]skipped[/]",
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

            cells.Add(Duration.Format(o.Duration));
            cells.Add(Markup.Escape(o.Reason ?? (r?.Suspect == true ? r.SuspectReason : null) ?? r?.Message ?? string.Empty));
            table.AddRow(cells.ToArray());
        }

        ansi.Write(table);
        ansi.MarkupLine(Totals(report));
    }

    public static string Totals(FleetReport report)
    {
        var parts = new List<string> { $"[green]{report.Succeeded} ok[/]" };
        if (report.Skipped > 0)
        {
            parts.Add($"{report.Skipped} skipped (current)");
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

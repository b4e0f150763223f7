using System.Security.Cryptography;
using System.Text.Json;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Cli.Tests.ReadOnly;

/// <summary>
/// The whole state of an emulated iLO a client could change: every NAND file by name, size and
/// content (the <c>/bkupdata</c> download, the kept backup of <c>BackupFiles</c>, the custom backup),
/// the kept backups' ids, the event log, the configuration (SRAM) and the runtime state.
/// </summary>
internal sealed record IloStateSnapshot(
    IReadOnlyList<string> Nand, IReadOnlyList<string> KeptBackups, IReadOnlyList<string> EventLog, string Configuration, string Runtime)
{
    /// <summary>Written by every login and logout, as on an iLO: a read-only verb logs in, so these entries are left out.</summary>
    private static readonly string[] SessionEntries = ["Redfish login:", "Redfish logout:"];

    public static IloStateSnapshot Capture(VirtualIlo ilo, Func<string, bool>? skipNand = null) => new(
        [.. ilo.Nand.List().Where(f => skipNand?.Invoke(f.Name) != true).OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name} {f.Size} {f.Modified:O} {Hash(ilo, f.Name)}")],
        [.. BackupRestoreFeature.Of(ilo).KeptBackups.Select(f => f.Name)],
        [.. ilo.State.EventLog.Where(e => !SessionEntries.Any(p => e.Message.StartsWith(p, StringComparison.Ordinal)))
            .Select(e => $"{e.Id} {e.Severity} {e.Message}")],
        JsonSerializer.Serialize(ilo.Configuration, ConfigurationJsonContext.Default.IloConfiguration),
        $"{ilo.State.SecurityState} {ilo.State.PowerState} {ilo.State.IndicatorLed} {ilo.Identity}");

    /// <summary>What differs from <paramref name="before"/>, in words (empty when nothing does).</summary>
    public string DifferencesFrom(IloStateSnapshot before)
    {
        var found = new List<string>();
        Compare("NAND", before.Nand, Nand, found);
        Compare("BackupFiles", before.KeptBackups, KeptBackups, found);
        Compare("event log", before.EventLog, EventLog, found);
        if (before.Configuration != Configuration)
        {
            found.Add("configuration changed");
        }

        if (before.Runtime != Runtime)
        {
            found.Add($"runtime state: {before.Runtime} -> {Runtime}");
        }

        return string.Join("; ", found);
    }

    private static void Compare(string what, IReadOnlyList<string> before, IReadOnlyList<string> after, List<string> found)
    {
        var gone = before.Except(after).ToArray();
        var added = after.Except(before).ToArray();
        if (gone.Length > 0 || added.Length > 0)
        {
            found.Add($"{what}: -[{string.Join(", ", gone)}] +[{string.Join(", ", added)}]");
        }
    }

    private static string Hash(VirtualIlo ilo, string name)
    {
        using var stream = ilo.Nand.OpenRead(name);
        return stream is null ? "gone" : Convert.ToHexString(SHA256.HashData(stream))[..16];
    }
}

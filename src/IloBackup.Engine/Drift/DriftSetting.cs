using System.Text.Json.Nodes;

namespace IloBackup.Engine.Drift;

/// <summary>
/// One setting a baseline may pin: its name in the baseline file (<c>ntp-servers</c>, <c>snmp.alerts-enabled</c>), how it is
/// compared, and how it is read from a snapshot's <c>sections</c> (null when the backup does not hold it).
/// </summary>
public sealed record DriftSetting(string Name, DriftComparison Comparison, string Meaning, Func<JsonObject, IReadOnlyList<string>?> Read)
{
    /// <summary>True when the setting holds a list (a YAML sequence in the baseline file).</summary>
    public bool IsList => Comparison is DriftComparison.Set or DriftComparison.Includes;
}

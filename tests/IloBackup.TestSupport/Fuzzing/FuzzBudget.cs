using System.Globalization;

namespace IloBackup.TestSupport.Fuzzing;

/// <summary>
/// How many inputs a fuzz test tries: a small fixed number in CI, multiplied by
/// <c>ILOBACKUP_FUZZ_SCALE</c> for the long run of <c>bench/fuzz/run.sh</c>.
/// </summary>
public static class FuzzBudget
{
    public const string ScaleVariable = "ILOBACKUP_FUZZ_SCALE";

    /// <summary>Where each fuzz test appends its one-line tally (set by the bench command).</summary>
    public const string ReportVariable = "ILOBACKUP_FUZZ_REPORT";

    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    public static long Iterations(int ciIterations) => (long)ciIterations * Scale;
}

using IloBackup.Emulator.Persistence;

namespace IloBackup.Cli.Emulator;

/// <summary>
/// Test hook of <c>ilobackup emulator</c>, off by default (docs/emulator.md, "Test hooks"):
/// <c>ILOBACKUP_TEST_RESTORE_STOP_AT=POINT</c> makes the restore apply stop for good at a named
/// point of its SRAM write (<c>before-write</c>, <c>temp-partial</c>, <c>temp-synced</c>,
/// <c>renamed</c>, <c>directory-synced</c>) after printing <c>test hook: restore apply stopped at POINT</c>
/// on stderr, so a crash test can <c>kill -9</c> the process exactly there.
/// </summary>
internal static class RestoreApplyTestHook
{
    public const string Variable = "ILOBACKUP_TEST_RESTORE_STOP_AT";

    /// <summary>The point names, in the order the write reaches them.</summary>
    public static IReadOnlyList<string> PointNames { get; } = [.. Enum.GetValues<AtomicWritePoint>().Select(Name)];

    public static string Name(AtomicWritePoint point) => point switch
    {
        AtomicWritePoint.BeforeWrite => "before-write",
        AtomicWritePoint.TempPartial => "temp-partial",
        AtomicWritePoint.TempSynced => "temp-synced",
        AtomicWritePoint.Renamed => "renamed",
        _ => "directory-synced",
    };

    /// <summary>The hook the variable asks for, or null when it is not set.</summary>
    public static Action<AtomicWritePoint>? FromEnvironment(TextWriter error)
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var target = Enum.GetValues<AtomicWritePoint>().Where(p => string.Equals(Name(p), value, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (target.Length == 0)
        {
            throw new CliUsageException($"{Variable}={value}: not a restore apply point (one of: {string.Join(", ", PointNames)})");
        }

        return point =>
        {
            if (point != target[0])
            {
                return;
            }

            lock (error)
            {
                error.WriteLine($"test hook: restore apply stopped at {Name(point)}");
                error.Flush();
            }

            // Stop here for good, inside the write, holding the iLO's configuration lock: the test
            // kills the process now. Nothing sets this event.
            using var never = new ManualResetEventSlim(initialState: false);
            never.Wait();
        };
    }
}

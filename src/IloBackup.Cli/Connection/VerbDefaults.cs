using System.CommandLine;

namespace IloBackup.Cli.Connection;

/// <summary>The default total deadlines of the single-iLO verbs (<c>--deadline</c>).</summary>
internal static class VerbDefaults
{
    /// <summary>Every verb but a restore: 5 minutes.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>A restore waits up to 10 minutes for the iLO to come back after its reset.</summary>
    public static readonly TimeSpan RestoreDeadline = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A restore's total bound: its wait (<c>--deadline</c>, 10 minutes by default) and 2 minutes for
    /// the pre-flight and the upload, so that a wait that runs out is reported by the restore itself
    /// (outcome unknown, what to check) rather than as a bare deadline.
    /// </summary>
    public static TimeSpan RestoreTotal(ConnectionOptions connection, ParseResult parse) =>
        connection.DeadlineOf(parse, RestoreDeadline) + TimeSpan.FromMinutes(2);
}

namespace IloBackup.Engine.Fleet;

/// <summary>
/// A fleet run cancelled as a whole (Ctrl+C), after every started host's work ended (sessions logged
/// out). It is an <see cref="OperationCanceledException"/>, so code that only knows cancellation
/// still sees one; <see cref="Report"/> is the partial report to show.
/// </summary>
public sealed class FleetRunInterruptedException : OperationCanceledException
{
    public FleetRunInterruptedException()
        : this(new FleetReport([], default, TimeSpan.Zero) { WasInterrupted = true }, null, CancellationToken.None)
    {
    }

    public FleetRunInterruptedException(string message)
        : base(message) => Report = new FleetReport([], default, TimeSpan.Zero) { WasInterrupted = true };

    public FleetRunInterruptedException(string message, Exception innerException)
        : base(message, innerException) => Report = new FleetReport([], default, TimeSpan.Zero) { WasInterrupted = true };

    public FleetRunInterruptedException(FleetReport report, Exception? innerException, CancellationToken token)
        : base($"interrupted: {report?.Interruption}", innerException, token)
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
    }

    /// <summary>The hosts that finished, those cut short and those never started.</summary>
    public FleetReport Report { get; }
}

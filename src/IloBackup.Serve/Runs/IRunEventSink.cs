namespace IloBackup.Serve.Runs;

/// <summary>
/// Receives the events of every run, in order, one at a time. Where notifications (webhook, email) and drift
/// checks plug in. A sink that throws is logged and skipped: it never stops a run.
/// </summary>
public interface IRunEventSink
{
    ValueTask OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken);
}

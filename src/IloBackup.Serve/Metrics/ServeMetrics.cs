using System.Diagnostics.Metrics;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Runs;

namespace IloBackup.Serve.Metrics;

/// <summary>
/// The service's metrics (System.Diagnostics.Metrics, exported for Prometheus at <c>/metrics</c>). Every value is observed
/// from the state recomputed from the catalog and the run records, so a restart or a new run resets nothing: an alert
/// keeps firing until the cause is fixed. Names and labels: docs/serve.md.
/// </summary>
public sealed class ServeMetrics : IDisposable
{
    public const string DefaultMeterName = "IloBackup.Serve";
    private readonly Meter _meter;

    public ServeMetrics(string meterName, Func<FleetState> state, RunStore runs, Func<RunRecord?> current)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(current);
        MeterName = meterName;
        _meter = new Meter(meterName);
        _meter.CreateObservableCounter(
            "ilobackup_backup_attempts",
            () => state().Attempts.Select(a => new Measurement<long>(a.Value, new("outcome", a.Key.Outcome), new("reason", a.Key.Reason))),
            description: "Backup attempts in the catalog, by outcome and failure kind");
        _meter.CreateObservableGauge(
            "ilobackup_last_success_timestamp_seconds",
            () => state().Servers.Where(s => s.LastGood is not null && s.Serial is not null)
                .Select(s => new Measurement<double>(s.LastGood!.TakenAt.ToUnixTimeMilliseconds() / 1000.0, new("serial", s.Serial), new("host", s.Host))),
            description: "When each server's newest good backup was taken (Unix seconds)");
        _meter.CreateObservableGauge<long>(
            "ilobackup_servers",
            () =>
            {
                var current = state();
                var servers = current.Servers;
                Measurement<long>[] drifted = current.Drift is null ? [] : [new Measurement<long>(servers.Count(s => s.Drifted), new KeyValuePair<string, object?>("state", "drifted"))];
                return (Measurement<long>[])
                [
                    .. drifted,
                    new Measurement<long>(servers.Count, new KeyValuePair<string, object?>("state", "known")),
                    new Measurement<long>(servers.Count(s => s.Stale), new KeyValuePair<string, object?>("state", "stale")),
                    new Measurement<long>(servers.Count(s => s.Suspect), new KeyValuePair<string, object?>("state", "suspect")),
                    new Measurement<long>(servers.Count(s => s.Failing), new KeyValuePair<string, object?>("state", "failing")),
                    new Measurement<long>(servers.Count(s => s.LastGood is null), new KeyValuePair<string, object?>("state", "never_backed_up")),
                ];
            },
            description: "Servers in the catalog by state");
        _meter.CreateObservableGauge(
            "ilobackup_verify_corrupt_objects",
            () => state().Verify is { } v ? [new Measurement<long>(v.Corrupt.Count)] : Array.Empty<Measurement<long>>(),
            description: "Objects whose bytes no longer match their hash at the newest verify");
        _meter.CreateObservableGauge(
            "ilobackup_verify_missing_objects",
            () => state().Verify is { } v ? [new Measurement<long>(v.Missing.Count)] : Array.Empty<Measurement<long>>(),
            description: "Objects the catalog refers to that were not on disk at the newest verify");
        _meter.CreateObservableGauge(
            "ilobackup_last_run_duration_seconds",
            () => LastFinished(runs) is { } r ? [new Measurement<double>(r.DurationSeconds)] : Array.Empty<Measurement<double>>(),
            description: "How long the newest finished run took");
        _meter.CreateObservableGauge(
            "ilobackup_last_run_timestamp_seconds",
            () => LastFinished(runs) is { } r
                ? [new Measurement<double>(r.FinishedAt!.Value.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>("state", r.State.ToString().ToLowerInvariant()))]
                : Array.Empty<Measurement<double>>(),
            description: "When the newest run ended (Unix seconds), labelled with how it ended");
        _meter.CreateObservableGauge(
            "ilobackup_run_in_progress",
            () => current() is null ? 0 : 1,
            description: "1 while a run is under way");
    }

    public string MeterName { get; }

    public void Dispose() => _meter.Dispose();

    private static RunRecord? LastFinished(RunStore runs) => runs.List().FirstOrDefault(r => r.FinishedAt is not null);
}

using System.Globalization;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// Runs one piece of work per iLO over a fleet: bounded concurrency, a deadline per iLO (retries
/// included), retries of transient failures only, and exactly one outcome per host. One iLO's
/// failure never stops the others; only cancelling the whole run does.
/// </summary>
public sealed class FleetRunner
{
    private readonly FleetRunnerOptions _options;

    public FleetRunner(FleetRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <param name="hosts">The fleet, in the order outcomes are reported.</param>
    /// <param name="work">The work on one iLO; it opens its own session and always closes it.</param>
    /// <param name="onCompleted">Runs once per host with its final outcome (e.g. to record a failure), inside the concurrency bound.</param>
    /// <param name="progress">Receives start, retry and completion events with running totals.</param>
    /// <param name="cancellationToken">Cancels the whole run (Ctrl+C).</param>
    public async Task<FleetReport> RunAsync(
        IReadOnlyList<InventoryHost> hosts,
        Func<InventoryHost, CancellationToken, Task<HostResult>> work,
        Func<HostOutcome, CancellationToken, Task>? onCompleted,
        IProgress<FleetProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(work);
        var time = _options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var clock = time.GetTimestamp();
        var outcomes = new HostOutcome[hosts.Count];
        var tally = new Tally(hosts.Count);

        FleetProgress Event(FleetProgressKind kind, InventoryHost host, HostOutcome? outcome = null, string? reason = null)
        {
            lock (tally)
            {
                return new FleetProgress
                {
                    Kind = kind,
                    Host = host.Address,
                    Total = tally.Total,
                    Completed = tally.Succeeded + tally.Skipped + tally.Failed,
                    Succeeded = tally.Succeeded,
                    Skipped = tally.Skipped,
                    Failed = tally.Failed,
                    Running = tally.Running,
                    Elapsed = time.GetElapsedTime(clock),
                    Outcome = outcome,
                    Reason = reason,
                };
            }
        }

        var started = new bool[hosts.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
        try
        {
            await RunAllAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e is not FleetRunInterruptedException)
        {
            // Every started host's work has ended (its session logged out): report what got done.
            lock (tally)
            {
                throw new FleetRunInterruptedException(
                    new FleetReport([.. outcomes.OfType<HostOutcome>()], startedAt, time.GetElapsedTime(clock))
                    {
                        WasInterrupted = true,
                        CutShort = [.. hosts.Where((_, i) => started[i] && outcomes[i] is null)],
                        NotStarted = [.. hosts.Where((_, i) => !started[i])],
                    },
                    e,
                    cancellationToken);
            }
        }

        return new FleetReport(outcomes, startedAt, time.GetElapsedTime(clock));

        Task RunAllAsync() => Parallel.ForEachAsync(Enumerable.Range(0, hosts.Count), parallel, async (index, token) =>
        {
            var host = hosts[index];
            lock (tally)
            {
                tally.Running++;
                started[index] = true;
            }

            progress?.Report(Event(FleetProgressKind.HostStarted, host));
            var outcome = await RunHostAsync(host, work, (h, reason) => progress?.Report(Event(FleetProgressKind.HostRetrying, h, reason: reason)), token)
                .ConfigureAwait(false);
            if (onCompleted is not null)
            {
                outcome = await CompleteAsync(outcome, onCompleted, token).ConfigureAwait(false);
            }

            lock (tally)
            {
                outcomes[index] = outcome;
                tally.Running--;
                switch (outcome.Status)
                {
                    case HostStatus.Succeeded: tally.Succeeded++; break;
                    case HostStatus.Skipped or HostStatus.Taken: tally.Skipped++; break;
                    default: tally.Failed++; break;
                }
            }

            progress?.Report(Event(FleetProgressKind.HostCompleted, host, outcome));
        });
    }

    private async Task<HostOutcome> RunHostAsync(
        InventoryHost host,
        Func<InventoryHost, CancellationToken, Task<HostResult>> work,
        Action<InventoryHost, string> retrying,
        CancellationToken runToken)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.HostDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, deadline.Token);
        var attempts = 0;
        string? lastFailure = null;
        while (true)
        {
            attempts++;
            try
            {
                var result = await work(host, linked.Token).ConfigureAwait(false);
                return new HostOutcome
                {
                    Host = host, Status = result.Status == HostStatus.Failed ? HostStatus.Failed : result.Status,
                    Result = result, Attempts = attempts, Duration = time.GetElapsedTime(started),
                    Reason = result.Status == HostStatus.Failed ? result.Message : null,
                };
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // Say what the iLO was doing wrong, not only that time ran out.
                var last = lastFailure is null ? string.Empty : $"; last failure: {lastFailure}";
                return Failed(host, $"no result within the deadline of {Seconds(_options.HostDeadline)}{last}", attempts, started);
            }
#pragma warning disable CA1031 // One iLO's failure, whatever it is, becomes its outcome and never stops the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var reason = Describe(ex);
                lastFailure = reason;
                if (attempts > _options.MaxRetries || !_options.IsTransient(ex))
                {
                    // The attempts the reader counts: the runner's, else the client's own for the kind it retried.
                    var tries = attempts > 1 ? attempts : TransientFailure.ClientAttempts(ex);
                    return Failed(host, tries > 1 ? $"{reason} (after {tries} attempts)" : reason, attempts, started);
                }

                retrying(host, reason);
                var delay = _options.RetryDelay * Math.Pow(2, attempts - 1);
                try
                {
                    await Task.Delay(delay, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!runToken.IsCancellationRequested)
                {
                    return Failed(host, $"{reason}; deadline of {Seconds(_options.HostDeadline)} reached before a retry", attempts, started);
                }
            }
        }
    }

    private static async Task<HostOutcome> CompleteAsync(
        HostOutcome outcome, Func<HostOutcome, CancellationToken, Task> onCompleted, CancellationToken token)
    {
        try
        {
            await onCompleted(outcome, token).ConfigureAwait(false);
            return outcome;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Recording must not stop the run either; the host's outcome says what went wrong.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return outcome with { Status = HostStatus.Failed, Reason = $"{outcome.Reason ?? "done"}, but not recorded: {Describe(ex)}" };
        }
    }

    private HostOutcome Failed(InventoryHost host, string reason, int attempts, long started) => new()
    {
        Host = host, Status = HostStatus.Failed, Reason = reason, Attempts = attempts,
        Duration = _options.TimeProvider.GetElapsedTime(started),
    };

    /// <summary>One line: the message, plus the innermost cause when it adds something.</summary>
    internal static string Describe(Exception ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ").Trim();
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        // A cancelled or disposed socket under a timeout says nothing the timeout does not.
        if (!ReferenceEquals(inner, ex) && inner is not (OperationCanceledException or ObjectDisposedException)
            && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message = $"{message}: {inner.Message.ReplaceLineEndings(" ").Trim()}";
        }

        // Reasons quote what iLOs sent; they are printed and stored in the catalog.
        return IloBackup.Redfish.Json.UntrustedText.Clean(message)!;
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    private sealed class Tally(int total)
    {
        public int Total { get; } = total;
        public int Running { get; set; }
        public int Succeeded { get; set; }
        public int Skipped { get; set; }
        public int Failed { get; set; }
    }
}

using System.Threading.Channels;
using IloBackup.Engine.Fleet;
using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Runs;

/// <summary>
/// Runs fleet backups one at a time, whoever asks (the schedule, <c>--once</c>, an operator's button), keeps each
/// run's record in the <see cref="RunStore"/>, and hands every run's events to the sinks in order.
/// </summary>
public sealed partial class FleetRunCoordinator(
    IFleetRunExecutor executor, RunStore store, IReadOnlyList<IRunEventSink> sinks, TimeProvider timeProvider, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private RunRecord? _current;
    private Task<RunRecord>? _currentTask;

    public RunStore Store => store;

    /// <summary>The run under way, with its live counts; null when idle.</summary>
    public RunRecord? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Starts a run unless one is under way; returns the started run's task, or null when busy.</summary>
    public Task<RunRecord>? TryStart(string trigger, CancellationToken cancellationToken) => TryStart(trigger, null, cancellationToken);

    /// <summary>Starts a run for the schedule's <paramref name="slot"/> (its planned time; null: a run by hand), unless one is under way.</summary>
    public Task<RunRecord>? TryStart(string trigger, DateTimeOffset? slot, CancellationToken cancellationToken) =>
        TryStart(trigger, slot, null, cancellationToken);

    /// <summary>Starts a run named <paramref name="runId"/> (null: by its slot, else a fresh id), unless one is under way.</summary>
    public Task<RunRecord>? TryStart(string trigger, DateTimeOffset? slot, string? runId, CancellationToken cancellationToken)
    {
        if (!_gate.Wait(0, CancellationToken.None))
        {
            return null;
        }

        var run = new RunRecord { Id = store.NextId, Trigger = trigger, StartedAt = timeProvider.GetUtcNow() };
        lock (_lock)
        {
            _current = run;
            _currentTask = Task.Run(() => RunAsync(run, new FleetRunRequest(trigger, slot, run.StartedAt) { GivenRunId = runId }, cancellationToken), CancellationToken.None);
            return _currentTask;
        }
    }

    /// <summary>Waits for the run under way, if any (shutdown, tests).</summary>
    public async Task WaitIdleAsync()
    {
        Task? task;
        lock (_lock)
        {
            task = _currentTask;
        }

        if (task is not null)
        {
            await task.ConfigureAwait(false);
        }
    }

    private async Task<RunRecord> RunAsync(RunRecord run, FleetRunRequest request, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        var delivery = DeliverAsync(events.Reader, cancellationToken);
        var started = timeProvider.GetTimestamp();
        try
        {
            await store.SaveAsync(run, persist: true, cancellationToken).ConfigureAwait(false);
            events.Writer.TryWrite(new RunStarted(run));
            var progress = new RunProgress(this, events.Writer);
            RunRecord finished;
            try
            {
                var report = await executor.RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
                finished = RunRecords.Finished(Current ?? run, report, timeProvider.GetUtcNow());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                finished = RunRecords.Failed(Current ?? run, "the service stopped during the run", timeProvider.GetUtcNow(), timeProvider.GetElapsedTime(started));
            }
#pragma warning disable CA1031 // A run that cannot start (inventory, locked repository) is recorded, never fatal to the service.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                finished = RunRecords.Failed(Current ?? run, RunRecords.Describe(ex), timeProvider.GetUtcNow(), timeProvider.GetElapsedTime(started));
            }

            await store.SaveAsync(finished, persist: true, CancellationToken.None).ConfigureAwait(false);
            Log.RunEnded(logger, finished.Id, finished.State.ToString(), finished.Succeeded, finished.Failed, finished.Error ?? string.Empty);
            events.Writer.TryWrite(new RunFinished(finished));
            events.Writer.Complete();
            await delivery.ConfigureAwait(false);
            return finished;
        }
        finally
        {
            events.Writer.TryComplete();
            lock (_lock)
            {
                _current = null;
            }

            _gate.Release();
        }
    }

    private void Update(Func<RunRecord, RunRecord> change)
    {
        lock (_lock)
        {
            if (_current is not null)
            {
                _current = change(_current);
            }
        }
    }

    private async Task DeliverAsync(ChannelReader<RunEvent> reader, CancellationToken cancellationToken)
    {
        await foreach (var runEvent in reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            foreach (var sink in sinks)
            {
                try
                {
                    await sink.OnEventAsync(runEvent, cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A sink never stops a run (IRunEventSink).
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.SinkFailed(logger, sink.GetType().Name, runEvent.GetType().Name, ex.Message);
                }
            }
        }
    }

    private sealed class RunProgress(FleetRunCoordinator owner, ChannelWriter<RunEvent> events) : IProgress<FleetProgress>
    {
        public void Report(FleetProgress value)
        {
            RunRecord? run = null;
            RunHost? host = null;
            owner.Update(r =>
            {
                run = r with
                {
                    Total = value.Total, Completed = value.Completed, Succeeded = value.Succeeded, Skipped = value.Skipped, Failed = value.Failed,
                    DurationSeconds = value.Elapsed.TotalSeconds,
                };
                if (value is { Kind: FleetProgressKind.HostCompleted, Outcome: { } outcome })
                {
                    host = RunRecords.Host(outcome);
                    run = run with { Hosts = [.. r.Hosts, host] };
                }

                return run;
            });
            if (run is not null && host is not null)
            {
                events.TryWrite(new HostCompleted(run, host, value.Outcome!));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "run {Id} {State}: {Succeeded} ok, {Failed} failed {Error}")]
        public static partial void RunEnded(ILogger logger, int id, string state, int succeeded, int failed, string error);

        [LoggerMessage(2, LogLevel.Warning, "event sink {Sink} failed on {Event}: {Message}")]
        public static partial void SinkFailed(ILogger logger, string sink, string @event, string message);
    }
}

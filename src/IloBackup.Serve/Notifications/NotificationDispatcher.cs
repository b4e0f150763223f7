using System.Threading.Channels;
using IloBackup.Serve.Reading;
using IloBackup.Serve.Runs;
using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Notifications;

/// <summary>A channel and the event kinds it sends.</summary>
public sealed record NotificationRoute(INotificationChannel Channel, IReadOnlySet<NotificationKind> Kinds);

/// <summary>
/// The run event sink of notifications. It only queues events (a run never waits on a slow mail server or webhook); one
/// background loop turns them into notifications, throttles them per kind and hands each to the channels that want it.
/// A channel that fails (after its own retries) is logged and the next message goes on.
/// </summary>
public sealed partial class NotificationDispatcher : IRunEventSink, IAsyncDisposable
{
    private readonly RepositoryReader _ownReader;
    private readonly IReadOnlyList<NotificationRoute> _routes;
    private readonly NotificationThrottle _throttle;
    private readonly ILogger _logger;
    private readonly Channel<RunEvent> _queue = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<HostCompleted> _changed = [];
    private int _suspect;

    public NotificationDispatcher(string repositoryDirectory, IReadOnlyList<NotificationRoute> routes, NotificationThrottle throttle, ILogger logger)
    {
        _ownReader = new RepositoryReader(repositoryDirectory, TimeProvider.System);
        Reader = _ownReader;
        _routes = routes;
        _throttle = throttle;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>What the differences of a changed configuration are read through: its own, or serve's one reader (<c>ServeHost</c> sets it).</summary>
    public RepositoryReader Reader { get; set; }

    /// <summary>Raised after a notification went to every channel that wants it (or was held back): for tests and logs.</summary>
    public event Action<Notification, bool>? Handled;

    public ValueTask OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        _queue.Writer.TryWrite(runEvent);
        return ValueTask.CompletedTask;
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var runEvent in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var notification in await NotificationsOfAsync(runEvent, _stop.Token).ConfigureAwait(false))
                {
                    await DispatchAsync(notification, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped with the service.
        }
    }

    private async Task<IReadOnlyList<Notification>> NotificationsOfAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        switch (runEvent)
        {
            case HostCompleted completed:
                if (NotificationBuilder.Changed(completed))
                {
                    _changed.Add(completed);
                }

                _suspect += completed.Outcome.Result?.Suspect == true ? 1 : 0;
                return NotificationBuilder.ForHost(completed) is { } host ? [host] : [];
            case RunFinished finished:
                var result = new List<Notification>();
                foreach (var completed in _changed)
                {
                    try
                    {
                        if (await NotificationBuilder.ChangeAsync(Reader, completed, cancellationToken).ConfigureAwait(false) is { } change)
                        {
                            result.Add(change);
                        }
                    }
                    catch (Engine.Repository.RepositoryException ex)
                    {
                        Log.DiffFailed(_logger, completed.Host.Host, ex.Message);
                    }
                }

                result.Add(NotificationBuilder.ForRun(finished.Run, _suspect));
                _changed.Clear();
                _suspect = 0;
                return result;
            default:
                return [];
        }
    }

    private async Task DispatchAsync(Notification notification, CancellationToken cancellationToken)
    {
        var wanted = _routes.Where(r => r.Kinds.Contains(notification.Kind)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var admitted = _throttle.Admit(notification);
        if (admitted is null)
        {
            Handled?.Invoke(notification, false);
            return;
        }

        foreach (var route in wanted)
        {
            try
            {
                await route.Channel.SendAsync(admitted, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed channel never stops the others nor the service.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Log.SendFailed(_logger, route.Channel.Name, Notification.Name(notification.Kind), ex.Message);
            }
        }

        Handled?.Invoke(admitted, true);
    }

    /// <summary>Takes no more events and sends what is queued, waiting at most <paramref name="grace"/> (then gives up on the rest).</summary>
    public async Task DrainAsync(TimeSpan grace, TimeProvider timeProvider)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(grace, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        foreach (var route in _routes)
        {
            (route.Channel as IDisposable)?.Dispose();
        }

        await _ownReader.DisposeAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "notification '{Kind}' via {Channel} failed: {Reason}")]
        public static partial void SendFailed(ILogger logger, string channel, string kind, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "the configuration change of {Host} could not be read: {Reason}")]
        public static partial void DiffFailed(ILogger logger, string host, string reason);
    }
}

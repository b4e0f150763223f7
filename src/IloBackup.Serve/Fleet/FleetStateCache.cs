using IloBackup.Engine.Drift;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Reading;
using IloBackup.Serve.Runs;
using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Fleet;

/// <summary>
/// Holds the current <see cref="FleetState"/>: computed at start and after every run (this is a run event sink), the
/// repository verified (every object re-hashed, read-only) at the same moments, and every server held against
/// <paramref name="baselines"/> when given (<c>serve --baseline</c>). The catalog is read through <paramref name="reader"/> (serve's one
/// read-only repository), else through a reader of its own.
/// </summary>
public sealed partial class FleetStateCache(
    string repositoryDirectory, Func<string, IReadOnlyList<string>> tagsOfHost, TimeProvider timeProvider, ILogger logger, DriftBaselineFile? baselines = null,
    RepositoryReader? reader = null)
    : IRunEventSink, IAsyncDisposable
{
    private readonly RepositoryReader? _ownReader = reader is null ? new RepositoryReader(repositoryDirectory, timeProvider) : null;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private FleetState _state = FleetState.Empty;

    public FleetState Current => Volatile.Read(ref _state);

    /// <summary>The read-only repository the state (and, through <c>ServeContext</c>, the pages) is read through.</summary>
    public RepositoryReader Reader => reader ?? _ownReader!;

    public async ValueTask OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        if (runEvent is RunFinished)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            VerifyReport? verify = null;
            try
            {
                if (RepositoryLocation.HasCatalog(repositoryDirectory))
                {
                    verify = await BackupRepository.VerifyDirectoryAsync(repositoryDirectory, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RepositoryException ex)
            {
                Log.VerifyFailed(logger, ex.Message);
            }

            FleetState state;
            try
            {
                state = Reader.HasCatalog
                    ? await Reader.ReadAsync(
                        r => FleetStateReader.ReadAsync(r.Catalog, tagsOfHost, verify, timeProvider.GetUtcNow(), cancellationToken, baselines), cancellationToken)
                        .ConfigureAwait(false)
                    : new FleetState { ComputedAt = timeProvider.GetUtcNow(), Verify = verify };
                if (state.DriftProblem is { } problem)
                {
                    Log.DriftFailed(logger, problem);
                }
            }
            catch (RepositoryException ex)
            {
                state = Current with { Problem = ex.Message, Verify = verify };
            }

            Volatile.Write(ref _state, state);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownReader is not null)
        {
            await _ownReader.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>True when servers are held against baselines (<c>serve --baseline</c>).</summary>
    public bool HasBaselines => baselines is not null;

    private static partial class Log
    {
        [LoggerMessage(21, LogLevel.Warning, "drift: the baselines cannot be applied: {Message}")]
        public static partial void DriftFailed(ILogger logger, string message);

        [LoggerMessage(20, LogLevel.Warning, "verify of the repository failed: {Message}")]
        public static partial void VerifyFailed(ILogger logger, string message);
    }
}

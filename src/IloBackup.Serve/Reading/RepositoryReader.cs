using System.Data.Common;
using IloBackup.Engine.Repository;

namespace IloBackup.Serve.Reading;

/// <summary>
/// The one read-only repository <c>serve</c> reads its pages, metrics, heartbeats and notifications through: opened on first
/// use and kept (a repository file with S3 builds its client once, a PostgreSQL catalog its connection pool once), reopened
/// when a read fails (the read is tried once more on the new one: PostgreSQL restarted, connections terminated).
/// On SQLite every read sees the writes committed before it: the connection reads outside transactions (one snapshot per
/// statement; the fleet summary's transaction ends with it), so it neither sees an old snapshot nor holds back the writer's
/// checkpoints. A private copy (the open after a killed writer, <see cref="SqliteBackupCatalog.IsPrivateCopy"/>) is used for
/// one read only, and a catalog file replaced under it (<c>repo restore-catalog</c>, <c>rebuild-catalog</c>) is reopened.
/// Runs keep opening their own writable repository.
/// </summary>
public sealed class RepositoryReader(string location, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly SemaphoreSlim _open = new(1, 1);
    private readonly Lock _lock = new();
    private Held? _current;
    private bool _disposed;

    /// <summary>The folder or repository file.</summary>
    public string Location => location;

    /// <summary>How many times the repository was opened (for tests and the log).</summary>
    public int Opens { get; private set; }

    /// <summary>Whether the repository has a catalog yet (a new one has none before its first run).</summary>
    public bool HasCatalog => RepositoryLocation.HasCatalog(location);

    /// <summary>
    /// Runs <paramref name="read"/> on the open repository; after a repository failure the repository is reopened for the next
    /// read and this one runs again, unless <paramref name="mayRetry"/> says no (a download that has started its answer).
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<BackupRepository, Task<T>> read, CancellationToken cancellationToken, Func<bool>? mayRetry = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        for (var attempt = 1; ; attempt++)
        {
            var held = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await read(held.Repository).ConfigureAwait(false);
                if (held.Repository.Catalog is SqliteBackupCatalog { IsPrivateCopy: true })
                {
                    Retire(held); // a snapshot of a moment: the next read opens the real catalog again
                }

                return result;
            }
            catch (Exception ex) when (IsRepositoryFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                Retire(held);
                if (attempt == 2 || mayRetry?.Invoke() == false)
                {
                    throw;
                }
            }
            finally
            {
                await ReleaseAsync(held).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Held? held;
        lock (_lock)
        {
            _disposed = true;
            held = _current;
            _current = null;
            if (held is not null)
            {
                held.Retired = true;
            }
        }

        if (held is not null && held.Users == 0)
        {
            await held.DisposeOnceAsync().ConfigureAwait(false);
        }
    }

    private static bool IsRepositoryFailure(Exception ex) => ex is RepositoryException or IOException or DbException or ObjectDisposedException;

    private async Task<Held> AcquireAsync(CancellationToken cancellationToken)
    {
        if (TryTake() is { } held)
        {
            return held;
        }

        await _open.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryTake() is { } opened)
            {
                return opened;
            }

            var repository = await BackupRepository.OpenAsync(
                location, new BackupRepositoryOptions { ReadOnly = true, TimeProvider = timeProvider }, cancellationToken).ConfigureAwait(false);
            var fresh = new Held(repository, FileIdentity.Of(repository.Catalog)) { Users = 1 };
            lock (_lock)
            {
                if (!_disposed)
                {
                    _current = fresh;
                    Opens++;
                    return fresh;
                }
            }

            await repository.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(RepositoryReader));
        }
        finally
        {
            _open.Release();
        }
    }

    /// <summary>The open repository with one more user; null when there is none, or its SQLite file was replaced (then retired).</summary>
    private Held? TryTake()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is not { } held)
            {
                return null;
            }

            if (held.File is { } file && file != FileIdentity.Of(held.Repository.Catalog))
            {
                RetireLocked(held);
                return null;
            }

            held.Users++;
            return held;
        }
    }

    private void Retire(Held held)
    {
        lock (_lock)
        {
            RetireLocked(held);
        }
    }

    private void RetireLocked(Held held)
    {
        held.Retired = true;
        if (ReferenceEquals(_current, held))
        {
            _current = null;
        }
    }

    private async Task ReleaseAsync(Held held)
    {
        bool dispose;
        lock (_lock)
        {
            held.Users--;
            dispose = held.Retired && held.Users == 0;
        }

        if (dispose)
        {
            await held.DisposeOnceAsync().ConfigureAwait(false);
        }
    }

    /// <summary>An open repository, how many reads use it, and whether it is to be closed once they are done.</summary>
    private sealed class Held(BackupRepository repository, FileIdentity? file)
    {
        private int _disposed;

        public BackupRepository Repository => repository;
        public FileIdentity? File => file;
        public int Users { get; set; }
        public bool Retired { get; set; }

        public async Task DisposeOnceAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await repository.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Which file a SQLite catalog path names now: a file renamed into its place has another creation time.</summary>
    private readonly record struct FileIdentity(DateTime Created)
    {
        public static FileIdentity? Of(IBackupCatalog catalog) =>
            catalog is SqliteBackupCatalog { IsPrivateCopy: false } sqlite ? new FileIdentity(System.IO.File.Exists(sqlite.FilePath)
                ? System.IO.File.GetCreationTimeUtc(sqlite.FilePath) : DateTime.MinValue) : null;
    }
}

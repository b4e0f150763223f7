using System.Globalization;
using System.Text.Json;
using IloBackup.Durability;

namespace IloBackup.Serve.Runs;

/// <summary>
/// The service's runs, one JSON file each in <c>&lt;repository&gt;/serve/runs/</c> (written whole or not at all), the
/// newest <see cref="Keep"/> of them in memory. The catalog stays the record of the backups themselves.
/// </summary>
public sealed class RunStore
{
    public const int Keep = 500;
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly List<RunRecord> _runs = [];

    private RunStore(string directory) => _directory = directory;

    public static RunStore Open(string repositoryDirectory)
    {
        var store = new RunStore(Path.Combine(IloBackup.Engine.Repository.RepositoryLocation.LocalFolder(Path.GetFullPath(repositoryDirectory)), "serve", "runs"));
        if (Directory.Exists(store._directory))
        {
            foreach (var file in Directory.EnumerateFiles(store._directory, "run-*.json"))
            {
                try
                {
                    var run = JsonSerializer.Deserialize(File.ReadAllBytes(file), RunJsonContext.Default.RunRecord);
                    if (run is not null)
                    {
                        // A run that was under way when the service stopped did not finish.
                        store._runs.Add(run.State == RunState.Running ? run with { State = RunState.Failed, Error = "the service stopped during the run" } : run);
                    }
                }
                catch (JsonException)
                {
                    // A damaged run file hides that one run from the pages; the catalog still has its backups.
                }
            }
        }

        store._runs.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (store._runs.Count > Keep)
        {
            store._runs.RemoveRange(0, store._runs.Count - Keep);
        }

        return store;
    }

    public int NextId
    {
        get
        {
            lock (_lock)
            {
                return _runs.Count == 0 ? 1 : _runs[^1].Id + 1;
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RunRecord> List()
    {
        lock (_lock)
        {
            return [.. Enumerable.Reverse(_runs)];
        }
    }

    public RunRecord? Get(int id)
    {
        lock (_lock)
        {
            return _runs.Find(r => r.Id == id);
        }
    }

    public RunRecord? Newest()
    {
        lock (_lock)
        {
            return _runs.Count == 0 ? null : _runs[^1];
        }
    }

    /// <summary>Replaces (or adds) a run in memory; <paramref name="persist"/> also writes its file durably.</summary>
    public async Task SaveAsync(RunRecord run, bool persist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            var index = _runs.FindIndex(r => r.Id == run.Id);
            if (index >= 0)
            {
                _runs[index] = run;
            }
            else
            {
                _runs.Add(run);
                if (_runs.Count > Keep)
                {
                    _runs.RemoveAt(0);
                }
            }
        }

        if (persist)
        {
            Directory.CreateDirectory(_directory);
            var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"run-{run.Id:D6}.json"));
            await DurableFile.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(run, RunJsonContext.Default.RunRecord), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}

using IloBackup.Engine.Repository;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>Issue 15, item 6: with <c>--wait</c>, a second writer says whom it waits for and runs once the lock is free.</summary>
public sealed class WaitForWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-wait-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Prune_with_wait_names_the_holder_then_runs_when_it_has_finished()
    {
        var writer = await BackupRepository.OpenAsync(_root, null, CancellationToken.None);
        using var output = new LockedWriter();
        using var error = new LockedWriter();
        var prune = CliApp.RunAsync(
            ["prune", "--keep-last", "1", "--wait", "--repo", _root], new CliConsole(output, error, TextReader.Null, isInteractive: false));

        await Polling.UntilAsync(() => error.ToString().Contains("waiting for another ilobackup", StringComparison.Ordinal), "prune waits");
        Assert.False(prune.IsCompleted);
        Assert.Contains($"(pid {Environment.ProcessId}, since ", error.ToString(), StringComparison.Ordinal);
        await writer.DisposeAsync();

        Assert.Equal(0, await prune.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("removed 0 entries", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A string writer another thread may read while the CLI writes.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }
}

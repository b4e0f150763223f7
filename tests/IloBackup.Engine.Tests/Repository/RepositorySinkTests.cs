using System.Security.Cryptography;
using System.Text;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>The repository sink: the one way an object enters a repository.</summary>
public sealed class RepositorySinkTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_download_is_hashed_as_it_passes_and_renamed_once_into_the_store_before_its_row()
    {
        await using var repo = await _fx.OpenAsync();
        using var sink = repo.CreateSink("https://mxq1.lab/");
        await Receive(sink, "the backup");
        var staged = Directory.GetFiles(Path.Combine(_fx.Directory, "tmp"), "*", SearchOption.AllDirectories);
        var hash = Hash("the backup");
        Assert.Equal(hash, sink.Sha256);
        Assert.Equal(10, sink.Length);
        Assert.Single(staged); // the one staging file, on the repository's own file system

        var where = await sink.CommitAsync(Metadata(sink, "MXQ1"), CancellationToken.None);

        Assert.Equal(Path.Combine(_fx.Directory, "objects", hash[..2], hash), where);
        Assert.Equal(where, Assert.Single(_fx.ObjectFiles()));
        Assert.False(File.Exists(staged[0])); // moved, not copied
        Assert.Single(_fx.RecordFiles());
        Assert.Equal(hash, sink.Entry!.Sha256);
        Assert.Equal("MXQ1", sink.Entry.Identity.SerialNumber);
        Assert.Null(sink.Previous);
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
    }

    [Fact]
    public async Task The_second_backup_of_a_server_names_the_previous_good_one_and_same_bytes_are_kept_once()
    {
        await using var repo = await _fx.OpenAsync();
        BackupEntry first;
        using (var sink = repo.CreateSink("h"))
        {
            await Receive(sink, "same");
            await sink.CommitAsync(Metadata(sink, "MXQ1"), default);
            first = sink.Entry!;
        }

        _fx.Time.Advance(TimeSpan.FromHours(1));
        using var again = repo.CreateSink("h");
        await Receive(again, "same");
        await again.CommitAsync(Metadata(again, "MXQ1"), default);

        Assert.Equal(first.Id, again.Previous!.Id);
        Assert.NotEqual(first.Id, again.Entry!.Id);
        Assert.Single(_fx.ObjectFiles());
        Assert.Empty(_fx.TempFiles());
    }

    [Fact]
    public async Task A_retried_attempt_starts_over_and_metadata_that_disagrees_with_the_bytes_is_refused()
    {
        await using var repo = await _fx.OpenAsync();
        using (var sink = repo.CreateSink("h"))
        {
            await sink.BeginAttempt().WriteAsync(Encoding.UTF8.GetBytes("cut short"));
            await Receive(sink, "whole file"); // the retry: the first attempt's bytes are gone
            Assert.Equal(Hash("whole file"), sink.Sha256);
            Assert.Single(_fx.TempFiles());

            var lie = Metadata(sink, "MXQ1") with { Sha256 = Hash("something else") };
            await Assert.ThrowsAsync<RepositoryException>(() => sink.CommitAsync(lie, default));
        }

        Assert.Empty(_fx.ObjectFiles());
        Assert.Empty(_fx.TempFiles()); // disposing the sink discards what was not committed
        Assert.Empty(await repo.HistoryAsync(null, default));
    }

    [Fact]
    public async Task A_read_only_repository_gives_no_sink()
    {
        await (await _fx.OpenAsync()).DisposeAsync();
        await using var reader = await _fx.OpenAsync(readOnly: true);
        Assert.Throws<InvalidOperationException>(() => reader.CreateSink("h"));
    }

    private static async Task Receive(RepositorySink sink, string text)
    {
        await sink.BeginAttempt().WriteAsync(Encoding.UTF8.GetBytes(text));
        await sink.CompleteAttemptAsync(default);
    }

    private BackupMetadata Metadata(RepositorySink sink, string serial) => new()
    {
        FileName = sink.Prepare($"HPE_{serial}_20261101_1200.bak"),
        Identity = _fx.Entry(serial).Identity,
        CreatedUtc = _fx.Time.GetUtcNow(),
        SizeBytes = sink.Length,
        Sha256 = sink.Sha256!,
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

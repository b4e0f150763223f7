namespace IloBackup.Engine.Tests.Repository;

public sealed class CrashSafetyTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Killed_between_object_and_catalog_row_leaves_an_orphan_that_the_next_run_keeps()
    {
        var repo = await _fx.OpenAsync(afterObjectStored: (_, _) => throw new SimulatedCrashException());
        await Assert.ThrowsAsync<SimulatedCrashException>(
            () => repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("the file"), default));
        Assert.Single(_fx.ObjectFiles());
        Assert.Empty(await repo.HistoryAsync(null, default));
        await repo.DisposeAsync();

        // Nothing deletes an unreferenced object automatically (issue 11): only prune --orphans, past its grace period.
        await using var rerun = await _fx.OpenAsync();
        Assert.Single(_fx.ObjectFiles());
        var entry = await rerun.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("the file"), default);
        Assert.Single(_fx.ObjectFiles());
        Assert.True((await rerun.VerifyAsync(default)).IsHealthy);
        Assert.Equal(entry.Id, Assert.Single(await rerun.HistoryAsync(null, default)).Id);
    }

    [Fact]
    public async Task Interrupted_mid_write_stores_nothing_and_leaves_no_temporary_file()
    {
        await using var repo = await _fx.OpenAsync();
        await using var source = new FailingStream(bytesBeforeFailure: 200_000);

        await Assert.ThrowsAsync<IOException>(() => repo.StoreAsync(_fx.Entry("MXQ1"), source, default));

        Assert.Empty(_fx.ObjectFiles());
        Assert.Empty(_fx.TempFiles());
        Assert.Empty(await repo.HistoryAsync(null, default));
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_killed_process_is_removed_by_the_next_writer_and_never_catalogued()
    {
        await (await _fx.OpenAsync()).DisposeAsync();
        var stale = Path.Combine(_fx.Directory, "tmp", "0123456789abcdef.tmp");
        await File.WriteAllTextAsync(stale, "half a file");

        await using (var reader = await _fx.OpenAsync(readOnly: true))
        {
            Assert.True(File.Exists(stale)); // readers change nothing
        }

        await using var writer = await _fx.OpenAsync();
        Assert.False(File.Exists(stale));
        Assert.Empty(await writer.HistoryAsync(null, default));
    }

    [Fact]
    public async Task Cancellation_mid_write_leaves_nothing_behind()
    {
        await using var repo = await _fx.OpenAsync();
        using var cts = new CancellationTokenSource();
        await using var source = new FailingStream(bytesBeforeFailure: 100_000, onFailure: cts.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => repo.StoreAsync(_fx.Entry("MXQ1"), source, cts.Token));

        Assert.Empty(_fx.ObjectFiles());
        Assert.Empty(_fx.TempFiles());
    }

    private sealed class SimulatedCrashException : Exception
    {
        public SimulatedCrashException()
            : base("simulated crash")
        {
        }
    }

    /// <summary>Yields zeros, then fails (or cancels) once a number of bytes has been read.</summary>
    private sealed class FailingStream(long bytesBeforeFailure, Action? onFailure = null) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= bytesBeforeFailure)
            {
                if (onFailure is not null)
                {
                    onFailure();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                throw new IOException("connection reset by peer");
            }

            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, bytesBeforeFailure - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }
    }
}

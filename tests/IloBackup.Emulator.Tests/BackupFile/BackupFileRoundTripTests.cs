using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

public class BackupFileRoundTripTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(768)]
    [InlineData(5000)]
    public async Task Server_bound_file_round_trips_any_payload_length(int length)
    {
        var payload = BackupFileSamples.Payload(length);

        var file = await BackupFileSamples.WriteAsync(payload, BackupFileSamples.Deterministic());
        var (header, read) = await BackupFileSamples.ReadAsync(file);

        Assert.Equal(payload, read);
        Assert.False(header.IsPasswordProtected);
        Assert.Equal(BackupFileKdf.ServerBound, header.Kdf);
        var chunks = (length / 256) + 1;
        Assert.Equal(header.HeaderLength + length + (chunks * 16), file.Length);
    }

    [Fact]
    public async Task Password_file_round_trips_with_the_password()
    {
        var payload = BackupFileSamples.Payload(1000);

        var file = await BackupFileSamples.WriteAsync(payload, BackupFileSamples.Deterministic("s3cret"));
        var (header, read) = await BackupFileSamples.ReadAsync(file, "s3cret");

        Assert.Equal(payload, read);
        Assert.True(header.IsPasswordProtected);
        Assert.Equal(BackupFileKdf.Pbkdf2HmacSha256LengthPrefixed, header.Kdf);
    }

    [Fact]
    public async Task Header_records_origin_time_and_parameters()
    {
        var file = await BackupFileSamples.WriteAsync([1, 2, 3], BackupFileSamples.Deterministic() with { PaddingLength = 10 });

        var unauthenticated = await BackupFileCodec.ReadHeaderAsync(new MemoryStream(file));
        var (header, _) = await BackupFileSamples.ReadAsync(file);

        foreach (var h in new[] { unauthenticated, header })
        {
            Assert.Equal(2, h.FormatVersion);
            Assert.Equal(BackupFileSamples.Origin, h.Origin);
            Assert.Equal(BackupFileSamples.CreatedAt, h.CreatedAt);
            Assert.Equal(256, h.ChunkSize);
            Assert.Equal(10, h.PaddingLength);
            Assert.Equal("application/vnd.ilobackup.test+json", h.PayloadType);
            Assert.Equal(0, h.KdfIterations);
        }
    }

    [Fact]
    public async Task Public_api_uses_random_salt_and_a_strong_iteration_count()
    {
        var options = new BackupFileWriteOptions { Password = "pw" };
        var first = await BackupFileSamples.WriteAsync([42], options);
        var second = await BackupFileSamples.WriteAsync([42], new BackupFileWriteOptions());

        var header = await BackupFileCodec.ReadHeaderAsync(new MemoryStream(first));
        Assert.Equal(600_000, header.KdfIterations);
        Assert.Equal(64 * 1024, header.ChunkSize);
        var again = await BackupFileSamples.WriteAsync([42], new BackupFileWriteOptions());
        Assert.NotEqual(second, again);
        Assert.Equal([42], (await BackupFileSamples.ReadAsync(first, "pw")).Payload);
    }

    [Fact]
    public async Task Padding_is_authenticated_filler_that_the_reader_skips()
    {
        var payload = BackupFileSamples.Payload(300);

        var file = await BackupFileSamples.WriteAsync(payload, BackupFileSamples.Deterministic() with { PaddingLength = 1000 });
        var (_, read) = await BackupFileSamples.ReadAsync(file);

        Assert.Equal(payload, read);
        Assert.True(file.Length > 1300);
    }

    [Fact]
    public async Task A_password_is_ignored_for_a_server_bound_file()
    {
        var file = await BackupFileSamples.WriteAsync([9, 8, 7], BackupFileSamples.Deterministic());

        var (_, read) = await BackupFileSamples.ReadAsync(file, "anything");

        Assert.Equal([9, 8, 7], read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    public async Task Writer_refuses_a_password_outside_1_to_32_characters(string password)
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => BackupFileSamples.WriteAsync([1], BackupFileSamples.Deterministic(password)));
    }

    [Fact]
    public async Task Writer_accepts_a_32_character_password()
    {
        var password = new string('p', 32);

        var file = await BackupFileSamples.WriteAsync([1], BackupFileSamples.Deterministic(password));

        Assert.Equal([1], (await BackupFileSamples.ReadAsync(file, password)).Payload);
    }

    [Fact]
    public async Task Sync_read_and_write_paths_match_the_async_ones()
    {
        var payload = BackupFileSamples.Payload(2000);
        using var output = new MemoryStream();
        await using (var writer = await BackupFileCodec.CreateAsync(output, BackupFileSamples.Origin, BackupFileSamples.CreatedAt, BackupFileSamples.Deterministic(), leaveOpen: true))
        {
            foreach (var piece in payload.Chunk(97))
            {
                writer.Write(piece, 0, piece.Length);
            }

            await writer.CompleteAsync();
        }

        Assert.Equal(await BackupFileSamples.WriteAsync(payload, BackupFileSamples.Deterministic()), output.ToArray());
        await using var reader = await BackupFileCodec.OpenAsync(new MemoryStream(output.ToArray()));
        using var sink = new MemoryStream();
        var buffer = new byte[61];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            sink.Write(buffer, 0, n);
        }

        Assert.Equal(payload, sink.ToArray());
        Assert.True(reader.IsComplete);

        using var syncReader = BackupFileCodec.Open(new MemoryStream(output.ToArray()));
        using var syncSink = new MemoryStream();
        syncReader.CopyTo(syncSink);
        Assert.Equal(payload, syncSink.ToArray());
        Assert.Equal(reader.Header.Origin, syncReader.Header.Origin);
    }

    [Theory]
    [InlineData(0, BackupFileRefusal.NotABackupFile)]
    [InlineData(5, BackupFileRefusal.Truncated)]
    [InlineData(100, BackupFileRefusal.Truncated)]
    public async Task Sync_open_refuses_like_the_async_one(int length, BackupFileRefusal reason)
    {
        var file = await BackupFileSamples.WriteAsync([1, 2, 3], BackupFileSamples.Deterministic("pw"));

        Assert.Equal(reason, Assert.Throws<BackupFileException>(() => BackupFileCodec.Open(new MemoryStream(file[..length]), "pw")).Reason);
        Assert.Equal(BackupFileRefusal.WrongPassword, Assert.Throws<BackupFileException>(() => BackupFileCodec.Open(new MemoryStream(file), "other")).Reason);
        Assert.Equal(BackupFileRefusal.PasswordRequired, Assert.Throws<BackupFileException>(() => BackupFileCodec.Open(new MemoryStream(file))).Reason);
    }
}

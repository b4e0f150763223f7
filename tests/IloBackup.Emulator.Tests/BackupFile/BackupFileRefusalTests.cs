using System.Buffers.Binary;
using System.Text;
using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

public class BackupFileRefusalTests
{
    private const int Sealed = 256 + 16;

    private static Task<byte[]> SampleAsync(string? password = null) =>
        BackupFileSamples.WriteAsync(BackupFileSamples.Payload(768), BackupFileSamples.Deterministic(password));

    private static int HeaderLength(byte[] file) => BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10));

    [Fact]
    public async Task Empty_file_is_not_a_backup_file()
    {
        Assert.Equal(BackupFileRefusal.NotABackupFile, await BackupFileSamples.RefusalAsync([]));
    }

    [Fact]
    public async Task Foreign_file_is_not_a_backup_file()
    {
        var foreign = Encoding.ASCII.GetBytes("{\"error\":{\"code\":\"iLO.0.10.ExtendedInfo\"}}");

        Assert.Equal(BackupFileRefusal.NotABackupFile, await BackupFileSamples.RefusalAsync(foreign));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(60)]
    public async Task File_cut_inside_its_header_is_truncated(int length)
    {
        var file = await SampleAsync();

        Assert.Equal(BackupFileRefusal.Truncated, await BackupFileSamples.RefusalAsync(file[..length]));
    }

    [Fact]
    public async Task File_cut_at_a_chunk_boundary_is_truncated()
    {
        var file = await SampleAsync();
        var cut = HeaderLength(file) + (2 * Sealed);

        Assert.Equal(BackupFileRefusal.Truncated, await BackupFileSamples.RefusalAsync(file[..cut]));
    }

    [Fact]
    public async Task File_without_its_final_chunk_is_truncated()
    {
        var file = await SampleAsync();

        Assert.Equal(BackupFileRefusal.Truncated, await BackupFileSamples.RefusalAsync(file[..^16]));
    }

    [Fact]
    public async Task File_cut_inside_a_chunk_is_refused_as_tampered()
    {
        var file = await SampleAsync();

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync(file[..(HeaderLength(file) + 100)]));
    }

    [Fact]
    public async Task Newer_format_version_is_unsupported()
    {
        var file = await SampleAsync();
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), 3);

        Assert.Equal(BackupFileRefusal.UnsupportedVersion, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Protected_file_without_password_requires_one()
    {
        var file = await SampleAsync("right");

        Assert.Equal(BackupFileRefusal.PasswordRequired, await BackupFileSamples.RefusalAsync(file));
        Assert.Equal(BackupFileRefusal.PasswordRequired, await BackupFileSamples.RefusalAsync(file, ""));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("Right")]
    [InlineData("123456789012345678901234567890123")]
    public async Task Protected_file_with_another_password_is_wrong_password(string password)
    {
        var file = await SampleAsync("right");

        Assert.Equal(BackupFileRefusal.WrongPassword, await BackupFileSamples.RefusalAsync(file, password));
    }

    [Fact]
    public async Task Edited_serial_number_fails_authentication()
    {
        var file = await SampleAsync();
        var at = file.AsSpan().IndexOf("MXQ78407Z2"u8);
        file[at] = (byte)'N';

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Flipped_payload_bit_is_tampered()
    {
        var file = await SampleAsync();
        file[HeaderLength(file) + Sealed + 5] ^= 0x04;

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Reordered_chunks_are_tampered()
    {
        var file = await SampleAsync();
        var first = HeaderLength(file);
        var chunk0 = file.AsSpan(first, Sealed).ToArray();
        file.AsSpan(first + Sealed, Sealed).CopyTo(file.AsSpan(first));
        chunk0.CopyTo(file.AsSpan(first + Sealed));

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Bytes_appended_after_the_final_chunk_are_tampered()
    {
        var file = await SampleAsync();

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync([.. file, 0x00]));
        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync([.. file, .. new byte[Sealed]]));
    }

    [Fact]
    public async Task Chunk_from_another_file_is_tampered()
    {
        var file = await SampleAsync();
        var other = await BackupFileSamples.WriteAsync(BackupFileSamples.Payload(768, seed: 99), BackupFileSamples.Deterministic() with { PayloadType = "x" });
        var at = HeaderLength(file);
        other.AsSpan(HeaderLength(other), Sealed).CopyTo(file.AsSpan(at));

        Assert.Equal(BackupFileRefusal.Tampered, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Unknown_key_derivation_is_unsupported()
    {
        var file = await SampleAsync();
        file[13] = 7;

        Assert.Equal(BackupFileRefusal.UnsupportedKdf, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task Excessive_iteration_count_is_unsupported_before_any_work()
    {
        var file = await SampleAsync("right");
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(14), uint.MaxValue);

        Assert.Equal(BackupFileRefusal.UnsupportedKdf, await BackupFileSamples.RefusalAsync(file, "right"));
    }

    [Theory]
    [InlineData(12, 0x02)]
    [InlineData(12, 0x01)]
    [InlineData(59, 0x00)]
    [InlineData(11, 0xFF)]
    public async Task Malformed_header_fields_are_invalid(int offset, byte value)
    {
        var file = await SampleAsync();
        file[offset] = value;

        Assert.Equal(BackupFileRefusal.InvalidHeader, await BackupFileSamples.RefusalAsync(file));
    }

    [Fact]
    public async Task A_write_that_never_completes_leaves_a_truncated_file()
    {
        using var output = new MemoryStream();
        await using (var writer = await BackupFileCodec.CreateAsync(output, BackupFileSamples.Origin, BackupFileSamples.CreatedAt, BackupFileSamples.Deterministic(), leaveOpen: true))
        {
            await writer.WriteAsync(BackupFileSamples.Payload(600));
        }

        Assert.Equal(BackupFileRefusal.Truncated, await BackupFileSamples.RefusalAsync(output.ToArray()));
    }

    [Fact]
    public async Task Reader_never_returns_bytes_of_a_chunk_that_fails_authentication()
    {
        var file = await SampleAsync();
        file[HeaderLength(file) + 3] ^= 0x80;
        await using var reader = await BackupFileCodec.OpenAsync(new MemoryStream(file));

        var buffer = new byte[10];
        var e = await Assert.ThrowsAsync<BackupFileException>(async () => await reader.ReadAtLeastAsync(buffer, buffer.Length));

        Assert.Equal(BackupFileRefusal.Tampered, e.Reason);
        Assert.Equal(0, reader.PayloadRead);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}

using System.Security.Cryptography;

namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// Entry point of the backup file format (docs/backup-file-format.md): create a file as a write
/// stream, open one as a read stream, read a header, verify a whole file. Everything streams.
/// </summary>
public static class BackupFileCodec
{
    /// <summary>
    /// Writes the header (and any padding) to <paramref name="destination"/> and returns the stream
    /// to write the payload into; finish with <see cref="BackupFileWriteStream.CompleteAsync"/>.
    /// </summary>
    /// <param name="destination">Where the file goes.</param>
    /// <param name="origin">Server and iLO the backup is taken from.</param>
    /// <param name="createdAt">Creation time (from the caller's <see cref="TimeProvider"/>).</param>
    /// <param name="options">Password, chunk size, padding, payload type.</param>
    /// <param name="leaveOpen">Leave <paramref name="destination"/> open when the returned stream is disposed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task<BackupFileWriteStream> CreateAsync(
        Stream destination,
        BackupOrigin origin,
        DateTimeOffset createdAt,
        BackupFileWriteOptions? options = null,
        bool leaveOpen = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(origin);
        options ??= new BackupFileWriteOptions();
        var header = BuildHeader(origin, createdAt, options);
        var headerBytes = BackupFileHeaderCodec.Serialize(header) is var bytes && bytes.Length <= BackupFileFormat.MaxHeaderLength
            ? bytes
            : throw new ArgumentException("The origin's strings make the header too long.", nameof(origin));
        header = header with { HeaderLength = headerBytes.Length };

        using var keys = BackupFileKeys.Derive(header, options.Password);
        var macStart = headerBytes.Length - BackupFileFormat.MacLength;
        keys.ComputeHeaderMac(headerBytes.AsSpan(0, macStart), headerBytes.AsSpan(macStart));
        var stream = new BackupFileWriteStream(destination, leaveOpen, header, headerBytes, keys);
        try
        {
            await stream.WriteHeaderAsync(cancellationToken);
            await stream.WritePaddingAsync(header.PaddingLength, cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Reads and authenticates the header of the file in <paramref name="source"/> and returns the
    /// stream of its payload. Refusals are <see cref="BackupFileException"/>s.
    /// </summary>
    /// <param name="source">The file, positioned at its start.</param>
    /// <param name="password">The password of a protected file; ignored for a server-bound file.</param>
    /// <param name="leaveOpen">Leave <paramref name="source"/> open when the returned stream is disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<BackupFileReadStream> OpenAsync(
        Stream source,
        string? password = null,
        bool leaveOpen = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (header, headerBytes) = await ReadRawHeaderAsync(source, cancellationToken);
        return Authenticate(source, leaveOpen, header, headerBytes, password);
    }

    /// <summary>
    /// <see cref="OpenAsync"/> with synchronous reads, for callers that must not block on async I/O
    /// (e.g. a reset event handler reading a small local file).
    /// </summary>
    public static BackupFileReadStream Open(Stream source, string? password = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        var prefix = new byte[BackupFileFormat.PrefixLength];
        var read = source.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        var bytes = new byte[BackupFileHeaderCodec.ParsePrefix(prefix, read)];
        prefix.CopyTo(bytes, 0);
        if (source.ReadAtLeast(bytes.AsSpan(BackupFileFormat.PrefixLength), bytes.Length - BackupFileFormat.PrefixLength, throwOnEndOfStream: false)
            < bytes.Length - BackupFileFormat.PrefixLength)
        {
            throw new BackupFileException(BackupFileRefusal.Truncated, "The file ends inside its header.");
        }

        return Authenticate(source, leaveOpen, BackupFileHeaderCodec.Parse(bytes), bytes, password);
    }

    /// <summary>
    /// Reads the header without authenticating it: enough to show what a file claims to be (and
    /// whether it needs a password), never enough to trust it.
    /// </summary>
    public static async Task<BackupFileHeader> ReadHeaderAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (header, _) = await ReadRawHeaderAsync(source, cancellationToken);
        return header;
    }

    /// <summary>
    /// Opens the file and reads it to the end, passing the payload to <paramref name="payloadSink"/>
    /// when given; returns the authenticated header once the whole file is proven intact.
    /// </summary>
    public static async Task<BackupFileHeader> VerifyAsync(
        Stream source,
        string? password = null,
        Stream? payloadSink = null,
        CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenAsync(source, password, leaveOpen: true, cancellationToken);
        await reader.CopyToAsync(payloadSink ?? Stream.Null, cancellationToken);
        return reader.Header;
    }

    /// <summary>Derives the keys and checks the header MAC; the returned stream reads the chunks.</summary>
    private static BackupFileReadStream Authenticate(Stream source, bool leaveOpen, BackupFileHeader header, byte[] headerBytes, string? password)
    {
        if (header.IsPasswordProtected)
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new BackupFileException(BackupFileRefusal.PasswordRequired, "The backup file is password-protected.");
            }

            // A password no file can have been protected with (too long, a control character, a lone
            // surrogate) is wrong without deriving anything: this also keeps `pw\0` off version 1 files.
            if (!BackupFileFormat.IsAcceptablePassword(password))
            {
                throw new BackupFileException(BackupFileRefusal.WrongPassword, "The password does not open the backup file.");
            }
        }

        using var keys = BackupFileKeys.Derive(header, header.IsPasswordProtected ? password : null);
        var macStart = headerBytes.Length - BackupFileFormat.MacLength;
        Span<byte> mac = stackalloc byte[BackupFileFormat.MacLength];
        keys.ComputeHeaderMac(headerBytes.AsSpan(0, macStart), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, headerBytes.AsSpan(macStart)))
        {
            throw header.IsPasswordProtected
                ? new BackupFileException(BackupFileRefusal.WrongPassword, "The password does not open the backup file.")
                : new BackupFileException(BackupFileRefusal.Tampered, "The backup file header fails authentication: it was modified.");
        }

        return new BackupFileReadStream(source, leaveOpen, header, headerBytes, keys);
    }

    private static async Task<(BackupFileHeader Header, byte[] Bytes)> ReadRawHeaderAsync(Stream source, CancellationToken cancellationToken)
    {
        var prefix = new byte[BackupFileFormat.PrefixLength];
        var read = await source.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken);
        var length = BackupFileHeaderCodec.ParsePrefix(prefix, read);
        var bytes = new byte[length];
        prefix.CopyTo(bytes, 0);
        var rest = bytes.AsMemory(BackupFileFormat.PrefixLength);
        read = await source.ReadAtLeastAsync(rest, rest.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < rest.Length)
        {
            throw new BackupFileException(BackupFileRefusal.Truncated, "The file ends inside its header.");
        }

        return (BackupFileHeaderCodec.Parse(bytes), bytes);
    }

    private static BackupFileHeader BuildHeader(BackupOrigin origin, DateTimeOffset createdAt, BackupFileWriteOptions options)
    {
        if (options.Password is { } password)
        {
            BackupFileFormat.ValidatePassword(password, nameof(options));
        }

        if (options.ChunkSize is < BackupFileFormat.MinChunkSize or > BackupFileFormat.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The chunk size is out of range.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.PaddingLength, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Pbkdf2Iterations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Pbkdf2Iterations, BackupFileFormat.MaxPbkdf2Iterations, nameof(options));
        if (origin.IloGeneration is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), "The iLO generation is out of range.");
        }

        foreach (var text in new[] { origin.SerialNumber, origin.ProductId, origin.ProductName, origin.FirmwareVersion, options.PayloadType })
        {
            ArgumentNullException.ThrowIfNull(text, nameof(origin));
            if (System.Text.Encoding.UTF8.GetByteCount(text) > BackupFileFormat.MaxStringBytes)
            {
                throw new ArgumentException("A header string is longer than the format allows.", nameof(origin));
            }
        }

        var salt = options.FixedSalt ?? RandomNumberGenerator.GetBytes(BackupFileFormat.SaltLength);
        var noncePrefix = options.FixedNoncePrefix ?? RandomNumberGenerator.GetBytes(BackupFileFormat.NoncePrefixLength);
        if (salt.Length != BackupFileFormat.SaltLength || noncePrefix.Length != BackupFileFormat.NoncePrefixLength)
        {
            throw new ArgumentException("Fixed salt or nonce prefix of the wrong length.", nameof(options));
        }

        var protectedFile = options.Password is not null;
        return new BackupFileHeader
        {
            FormatVersion = BackupFileFormat.CurrentVersion,
            Origin = origin,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds()),
            Kdf = protectedFile ? BackupFileKdf.Pbkdf2HmacSha256LengthPrefixed : BackupFileKdf.ServerBound,
            KdfIterations = protectedFile ? options.Pbkdf2Iterations : 0,
            ChunkSize = options.ChunkSize,
            PaddingLength = options.PaddingLength,
            PayloadType = options.PayloadType,
            HeaderLength = 0,
            Salt = salt,
            NoncePrefix = noncePrefix,
        };
    }
}

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// Encryption at rest on any store (issue 19): wraps a folder or S3 store so that objects and their metadata
/// records are kept as segmented AES-256-GCM (<see cref="EncryptingStream"/>) under names the store cannot link to
/// the files' hashes (<see cref="RepositoryKey.ObjectName"/>: identical files still share one object). Readers get
/// plaintext streams; <see cref="RehashAsync"/> decrypts (every segment authenticated) and hashes the plaintext, so
/// verify compares it with the catalog's SHA-256 as on a plain store. A staged file is encrypted into a second
/// staged file beside it (0600, fsynced) before the inner store takes it; the plaintext one is removed.
/// </summary>
public sealed class EncryptedObjectStore(IObjectStore inner, RepositoryKey key, string stagingDirectory) : IObjectStore, IDisposable
{
    /// <summary>What <see cref="RehashAsync"/> answers for an object that cannot be decrypted (never a SHA-256).</summary>
    public const string Undecryptable = "cannot be decrypted";

    public IObjectStore Inner => inner;
    public RepositoryKey Key => key;

    public string Description => $"{inner.Description} (encrypted, key {key.IdHex})";

    public string NameOf(string sha256) => key.ObjectName(ObjectNames.Check(sha256));

    public string Locate(string name) => inner.Locate(name) + " (encrypted)";

    /// <summary>Never: the local file holds ciphertext; a restore decrypts a private copy (<see cref="LocalCopy"/>).</summary>
    public string? LocalPathOf(string name) => null;

    public async Task PutFileAsync(string name, string stagedFile, CancellationToken cancellationToken)
    {
        ObjectNames.Check(name);
        var encrypted = stagedFile + ".enc";
        try
        {
            PlaintextDigest digest;
            var source = new FileStream(stagedFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(encrypted, ObjectStore.CreateNewOwnerOnly(ObjectStore.BufferSize));
                await using (target.ConfigureAwait(false))
                {
                    digest = await ObjectEncryption.EncryptAsync(key, source, target, cancellationToken).ConfigureAwait(false);
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                    target.Flush(flushToDisk: true);
                }
            }

            if (!string.Equals(NameOf(digest.Sha256), name, StringComparison.Ordinal))
            {
                throw new RepositoryException($"refusing to store a file under a name that is not its content's: {name}");
            }

            File.Delete(stagedFile);
            if (await RehashAsync(name, cancellationToken).ConfigureAwait(false) == digest.Sha256)
            {
                File.Delete(encrypted); // already stored: identical files are kept once
                return;
            }

            await inner.PutFileAsync(name, encrypted, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(encrypted);
        }
    }

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(stagingDirectory);
        var staged = Path.Combine(stagingDirectory, Guid.NewGuid().ToString("N") + ".put");
        try
        {
            var file = new FileStream(staged, ObjectStore.CreateNewOwnerOnly(ObjectStore.BufferSize));
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, ObjectStore.BufferSize, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            await PutFileAsync(name, staged, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(staged);
        }
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => inner.ExistsAsync(name, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        var stream = await inner.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        return stream is null ? null : new DecryptingStream(key, stream);
    }

    /// <summary>The plaintext's SHA-256; <see cref="Undecryptable"/> when the object is damaged or not ours; null when missing.</summary>
    public async Task<string?> RehashAsync(string name, CancellationToken cancellationToken)
    {
        var stream = await inner.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return (await ObjectEncryption.DigestAsync(key, stream, cancellationToken).ConfigureAwait(false)).Sha256;
            }
            catch (Exception ex) when (ex is ObjectDecryptionException or InvalidDataException)
            {
                return Undecryptable; // InvalidDataException: the store's own checksum refused the bytes (S3)
            }
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);

    public IAsyncEnumerable<StoredObjectInfo> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public async Task PutRecordAsync(string name, string recordId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var plain = new MemoryStream(content.ToArray(), writable: false))
        {
            await ObjectEncryption.EncryptAsync(key, plain, buffer, cancellationToken).ConfigureAwait(false);
        }

        await inner.PutRecordAsync(name, recordId, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A record's plaintext; null when it is missing; a record that cannot be decrypted reads as damaged.</summary>
    public async Task<byte[]?> ReadRecordAsync(string name, string recordId, CancellationToken cancellationToken)
    {
        var sealedBytes = await inner.ReadRecordAsync(name, recordId, cancellationToken).ConfigureAwait(false);
        if (sealedBytes is null)
        {
            return null;
        }

        using var source = new MemoryStream(sealedBytes, writable: false);
        using var plain = new MemoryStream();
        try
        {
            await ObjectEncryption.DecryptAsync(key, source, plain, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDecryptionException ex)
        {
            throw new RepositoryException($"the record {recordId} of object {name} cannot be decrypted: {ex.Message}", ex);
        }

        return plain.ToArray();
    }

    public IAsyncEnumerable<StoredRecordKey> ListRecordsAsync(string? name, CancellationToken cancellationToken) =>
        inner.ListRecordsAsync(name, cancellationToken);

    public Task DeleteRecordAsync(string name, string recordId, CancellationToken cancellationToken) =>
        inner.DeleteRecordAsync(name, recordId, cancellationToken);

    /// <summary>
    /// Refuses a key that does not fit the store, before anything is read or written: objects sealed under another
    /// key (the key file of another repository), or plain objects (a repository that was never encrypted).
    /// </summary>
    public static async Task CheckKeyAsync(IObjectStore plainStore, RepositoryKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plainStore);
        var first = await FirstAsync(plainStore.ListAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return;
        }

        var header = new byte[EncryptedObjectFormat.HeaderSize];
        var stream = await plainStore.OpenReadAsync(first.Name, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return;
        }

        int read;
        await using (stream.ConfigureAwait(false))
        {
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var encrypted = read == header.Length && EncryptedObjectFormat.LooksEncrypted(header);
        if (key is null)
        {
            if (encrypted)
            {
                throw new RepositoryException(
                    $"the objects in {plainStore.Description} are encrypted: name the repository's key file (encryption-key-file in a repository file)");
            }

            return;
        }

        if (!encrypted)
        {
            throw new RepositoryException(
                $"the objects in {plainStore.Description} are not encrypted: a key cannot be added to a repository in place; copy it with 'ilobackup repo migrate' into an encrypted one");
        }

        var id = Convert.ToHexStringLower(header.AsSpan(EncryptedObjectFormat.KeyIdOffset, RepositoryKey.IdSize));
        if (!string.Equals(id, key.IdHex, StringComparison.Ordinal))
        {
            throw new RepositoryException(
                $"wrong key: the objects in {plainStore.Description} are encrypted with key {id}, the key file holds key {key.IdHex}");
        }
    }

    /// <summary>Disposes the inner store and the key (its bytes are cleared).</summary>
    public void Dispose()
    {
        (inner as IDisposable)?.Dispose();
        key.Dispose();
    }

    private static async Task<StoredObjectInfo?> FirstAsync(IAsyncEnumerable<StoredObjectInfo> items, CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return item;
        }

        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

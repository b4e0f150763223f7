using System.Buffers;
using System.Security.Cryptography;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Logging;

namespace IloBackup.Redfish.Sessions;

/// <summary>Streaming download of a backup file and streaming upload of a restore.</summary>
public sealed partial class RedfishSession
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Downloads the file at <paramref name="path"/> (the service's <c>BackupFileLocation</c>) to
    /// <paramref name="destinationPath"/>: streamed to a temporary file beside it while hashed,
    /// fsynced, checked (status, <c>application/octet-stream</c>, Content-Length, not empty), and only
    /// then renamed into place. An error body is never saved. With a file password the download is
    /// the multipart POST that protects the file (§3); without, a GET. Retried from scratch on transient failures.
    /// </summary>
    public Task<DownloadResult> DownloadAsync(
        string path, string destinationPath, string? filePassword, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken) =>
        DownloadAsync(path, destinationPath, filePassword, overwrite, syncFolder: true, progress, cancellationToken);

    /// <summary>
    /// As above; <paramref name="syncFolder"/> false when the caller moves the file on and makes
    /// that later rename durable itself (the file's bytes are fsynced either way): one fsync of a
    /// folder less per file.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(
        string path, string destinationPath, string? filePassword, bool overwrite, bool syncFolder, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        if (filePassword is { Length: > 32 })
        {
            throw new ArgumentException("an iLO backup file password has at most 32 characters", nameof(filePassword));
        }

        var destination = Path.GetFullPath(destinationPath);
        if (!overwrite && File.Exists(destination))
        {
            throw new IOException($"{destination} already exists");
        }

        var directory = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(directory);
        var method = filePassword is null ? HttpMethod.Get : HttpMethod.Post;
        var (temp, length, sha256) = await Ended(_transport.SendAsync(method, path,
            request =>
            {
                AuthenticateForm(request);
                if (filePassword is not null)
                {
                    request.Content = MultipartForm.Create(_token, filePassword, null, null);
                }
            },
            filePassword is null ? RetryKind.Idempotent : RetryKind.NotProcessed,
            _transport.Options.TransferIdleTimeout,
            (response, scope) => ReceiveAsync(response, scope, directory, Path.GetFileName(destination), progress),
            cancellationToken)).ConfigureAwait(false);
        try
        {
            File.Move(temp, destination, overwrite);
            if (syncFolder)
            {
                IloBackup.Durability.DirectorySync.Flush(directory);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        RedfishLog.Downloaded(_transport.Logger, Endpoint.ToString(), length, Path.GetFileName(destination));
        return new DownloadResult(destination, length, sha256);
    }

    /// <summary>
    /// Uploads a backup file to <paramref name="pushUri"/> (the service's <c>HttpPushUri</c>) as iLO
    /// expects (§3): multipart parts <c>sessionKey</c>, optional <c>password</c>, <c>file</c>, streamed
    /// from disk, with <c>Cookie: sessionKey=</c> and <c>X-Auth-Token</c>. Never retried: the iLO may
    /// already be applying it. On success the iLO resets and this session ends.
    /// </summary>
    public async Task UploadRestoreFileAsync(
        string pushUri, string filePath, string? filePassword, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pushUri);
        var file = new FileInfo(filePath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{filePath} does not exist", filePath);
        }

        try
        {
            var status = await _transport.SendAsync(HttpMethod.Post, pushUri,
                request =>
                {
                    AuthenticateForm(request);
                    var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
                        FileOptions.Asynchronous | FileOptions.SequentialScan);
                    request.Content = MultipartForm.Create(_token, filePassword, new ProgressReadStream(stream, progress), file.Name);
                },
                RetryKind.None,
                _transport.Options.RequestTimeout + _transport.Options.TransferIdleTimeout,
                (response, _) => Task.FromResult((int)response.StatusCode),
                cancellationToken).ConfigureAwait(false);
            RedfishLog.Uploaded(_transport.Logger, Endpoint.ToString(), file.Length, LogRedaction.Path(pushUri), status);
        }
        catch (RedfishHttpException e) when (string.Equals(e.PlainBody, InvalidRestorePasswordBody, StringComparison.Ordinal))
        {
            throw new RedfishHttpException(
                $"{Endpoint}: restore refused: the file is password-protected and the file password is missing or wrong (iLO: {InvalidRestorePasswordBody})", e)
            {
                StatusCode = e.StatusCode, PlainBody = e.PlainBody, ExtendedInfo = e.ExtendedInfo,
            };
        }
    }

    private async Task<(string Temp, long Length, string Sha256)> ReceiveAsync(
        HttpResponseMessage response, ResponseScope scope, string directory, string finalName, IProgress<long>? progress)
    {
        var what = $"{Endpoint}: download";
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new RedfishProtocolException(
                $"{what}: expected application/octet-stream but the iLO sent {mediaType ?? "no content type"} (status {(int)response.StatusCode}); not saved as a backup");
        }

        var expected = response.Content.Headers.ContentLength;
        var limit = _transport.Options.MaxBackupBytes;
        if (expected > limit)
        {
            throw TooLarge(what, $"announced a file of {expected} bytes", limit);
        }

        if (expected == 0)
        {
            throw new RedfishProtocolException($"{what}: the iLO sent an empty file; not saved as a backup");
        }

        var temp = Path.Combine(directory, $".{finalName}.{Guid.NewGuid():N}.partial");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var completed = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var input = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
                await using (input.ConfigureAwait(false))
                {
                    int read;
                    scope.Touch();
                    while ((read = await ReadBodyAsync(input, buffer, total, expected, scope).ConfigureAwait(false)) > 0)
                    {
                        scope.Touch();
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), scope.Token).ConfigureAwait(false);
                        total += read;
                        if (total > limit)
                        {
                            throw TooLarge(what, $"sent more than {limit} bytes", limit);
                        }

                        if (expected is not null && total > expected)
                        {
                            throw new RedfishProtocolException($"{what}: the iLO sent more than the {expected} bytes it announced; not saved");
                        }

                        progress?.Report(total);
                    }
                }

                if (expected is not null && total != expected)
                {
                    throw new RedfishProtocolException($"{what}: short body: {total} of {expected} bytes; not saved as a backup")
                    {
                        IsTransient = true,
                    };
                }

                if (total == 0)
                {
                    throw new RedfishProtocolException($"{what}: the iLO sent an empty file; not saved as a backup");
                }

                await output.FlushAsync(scope.Token).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            completed = true;
            return (temp, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (IOException e) when (IloBackup.Durability.DiskFull.Is(e))
        {
            throw IloBackup.Durability.DiskFull.Error(what, directory, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!completed)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// One read of the body. The connection ending before Content-Length is a file cut short (a
    /// truncated answer, a reset iLO): said so with the byte counts, transient, never saved.
    /// </summary>
    private async ValueTask<int> ReadBodyAsync(Stream input, byte[] buffer, long total, long? expected, ResponseScope scope)
    {
        try
        {
            return await input.ReadAsync(buffer.AsMemory(0, BufferSize), scope.Token).ConfigureAwait(false);
        }
        catch (IOException e) when (!scope.Token.IsCancellationRequested)
        {
            var announced = expected is null ? string.Empty : $" of {expected}";
            throw new RedfishProtocolException(
                $"{Endpoint}: download cut short: the connection ended after {total}{announced} bytes ({e.Message}); not saved as a backup", e)
            {
                IsTransient = true,
            };
        }
    }

    private static RedfishProtocolException TooLarge(string what, string did, long limit) =>
        new($"{what}: the iLO {did}, over the limit for a backup file of {limit / 1048576.0:0.##} MiB (real ones are about 15 KB; "
            + "raise it with --max-backup-size); not saved as a backup");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover is a hidden .partial file, never a file that looks like a backup.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

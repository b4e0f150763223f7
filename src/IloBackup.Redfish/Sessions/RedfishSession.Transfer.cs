using System.Buffers;
using IloBackup.Redfish.Downloads;
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
    /// <paramref name="destinationPath"/> through a <see cref="FileSink"/>: staged beside it, hashed as
    /// the bytes pass, fsynced, checked, renamed once. See <see cref="DownloadAsync(string, DownloadSink, string?, IProgress{long}?, CancellationToken)"/>.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(
        string path, string destinationPath, string? filePassword, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var sink = new FileSink(destinationPath, overwrite);
        await DownloadAsync(path, sink, filePassword, progress, cancellationToken).ConfigureAwait(false);
        var (length, sha256) = (sink.Length, sink.Sha256!);
        sink.Commit();
        return new DownloadResult(sink.FilePath, length, sha256);
    }

    /// <summary>
    /// Downloads the file at <paramref name="path"/> (the service's <c>BackupFileLocation</c>) into
    /// <paramref name="sink"/>: streamed to its staging file while hashed, fsynced, checked (status,
    /// <c>application/octet-stream</c>, Content-Length, not empty, under <see cref="RedfishClientOptions.MaxBackupBytes"/>).
    /// An error body is never kept. With a file password the download is the multipart POST that
    /// protects the file (§3); without, a GET. Retried from scratch on transient failures. The caller
    /// commits the sink (its one rename) or disposes it.
    /// </summary>
    public async Task DownloadAsync(
        string path, DownloadSink sink, string? filePassword, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(sink);
        if (filePassword is { Length: > 32 })
        {
            throw new ArgumentException("an iLO backup file password has at most 32 characters", nameof(filePassword));
        }

        var method = filePassword is null ? HttpMethod.Get : HttpMethod.Post;
        var length = await Ended(_transport.SendAsync(method, path,
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
            (response, scope) => ReceiveAsync(response, scope, sink, progress),
            cancellationToken)).ConfigureAwait(false);
        RedfishLog.Downloaded(_transport.Logger, Endpoint.ToString(), length, sink.ToString() ?? "sink");
    }

    /// <summary>
    /// Uploads a backup file to <paramref name="pushUri"/> (the service's <c>HttpPushUri</c>) as iLO
    /// expects (§3): multipart parts <c>sessionKey</c>, optional <c>password</c>, <c>file</c>, streamed
    /// from disk, with <c>Cookie: sessionKey=</c> and <c>X-Auth-Token</c>. Never retried: the iLO may
    /// already be applying it. On success the iLO resets and this session ends.
    /// </summary>
    public Task UploadRestoreFileAsync(
        string pushUri, string filePath, string? filePassword, IProgress<long>? progress, CancellationToken cancellationToken) =>
        UploadRestoreFileAsync(pushUri, filePath, Path.GetFileName(filePath), filePassword, progress, cancellationToken);

    /// <summary>As above, sending the file under <paramref name="uploadName"/> (a repository object is named by its hash).</summary>
    public async Task UploadRestoreFileAsync(
        string pushUri, string filePath, string uploadName, string? filePassword, IProgress<long>? progress, CancellationToken cancellationToken)
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
                    request.Content = MultipartForm.Create(_token, filePassword, new ProgressReadStream(stream, progress), uploadName);
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

    private async Task<long> ReceiveAsync(HttpResponseMessage response, ResponseScope scope, DownloadSink sink, IProgress<long>? progress)
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

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var completed = false;
        try
        {
            long total = 0;
            var output = sink.BeginAttempt();
            var input = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                int read;
                scope.Touch();
                while ((read = await ReadBodyAsync(input, buffer, total, expected, scope).ConfigureAwait(false)) > 0)
                {
                    scope.Touch();
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

            await sink.CompleteAttemptAsync(scope.Token).ConfigureAwait(false);
            completed = true;
            return total;
        }
        catch (IOException e) when (IloBackup.Durability.DiskFull.Is(e))
        {
            throw IloBackup.Durability.DiskFull.Error(what, sink.StagingDirectory, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!completed)
            {
                sink.Discard();
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
}

using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace IloBackup.Engine.Repository.S3;

/// <summary>
/// Objects and records in an S3 bucket (AWSSDK.S3), in the folder store's layout under the prefix:
/// <c>objects/&lt;aa&gt;/&lt;name&gt;</c> and <c>objects/&lt;aa&gt;/&lt;name&gt;.&lt;record id&gt;.json</c>. Set for
/// non-AWS stores too: path-style addressing, checksums only when required, and no chunked upload encoding (some
/// stores keep the chunk framing inside the object and still answer OK: every upload's stored size is checked, and
/// verify re-hashes). Uploads stream from the staged file, downloads stream from the response; an S3 PUT is atomic,
/// so an object is either complete or absent, as the crash-safety ordering needs.
/// </summary>
public sealed partial class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3StoreSettings _settings;
    private readonly string _stagingDirectory;

    /// <param name="settings">Where the bucket is and how to reach it.</param>
    /// <param name="stagingDirectory">A local folder for <see cref="PutAsync"/>'s staging (the repository's <c>tmp/</c>).</param>
    public S3ObjectStore(S3StoreSettings settings, string stagingDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(stagingDirectory);
        _settings = settings;
        _stagingDirectory = stagingDirectory;
        _client = new AmazonS3Client(
            new BasicAWSCredentials(settings.Credentials.AccessKeyId, settings.Credentials.SecretAccessKey), ClientConfig(settings));
    }

    public string Description => _settings.Uri;

    public string NameOf(string sha256) => ObjectNames.Check(sha256);

    public string Locate(string name) => $"s3://{_settings.Bucket}/{KeyOf(name)}";

    public string? LocalPathOf(string name) => null;

    public async Task PutFileAsync(string name, string stagedFile, CancellationToken cancellationToken)
    {
        var key = KeyOf(name);
        try
        {
            var length = new FileInfo(stagedFile).Length;
            // Safe to upload twice: an object of this name and size is kept (its content is what its name says, unless
            // damaged in the store, which verify finds); anything else is replaced whole (a PUT is atomic).
            if (await SizeOfAsync(key, cancellationToken).ConfigureAwait(false) == length)
            {
                return;
            }

            var file = new FileStream(stagedFile, FileMode.Open, FileAccess.Read, FileShare.Read, ObjectStore.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                await PutStreamAsync(key, file, cancellationToken).ConfigureAwait(false);
            }

            var stored = await SizeOfAsync(key, cancellationToken).ConfigureAwait(false);
            if (stored != length)
            {
                await DeleteKeyAsync(key, cancellationToken).ConfigureAwait(false);
                throw new RepositoryException(
                    $"{Locate(name)}: the store kept {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"} bytes of {length} sent: removed, not recorded (does it keep upload framing?)");
            }
        }
        finally
        {
            File.Delete(stagedFile);
        }
    }

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Staged on disk first: the upload then knows its length and streams from a file (memory stays flat).
        Directory.CreateDirectory(_stagingDirectory);
        var staged = Path.Combine(_stagingDirectory, $".{Guid.NewGuid():N}.put");
        var stream = new FileStream(staged, ObjectStore.CreateNewOwnerOnly(ObjectStore.BufferSize));
        await using (stream.ConfigureAwait(false))
        {
            await content.CopyToAsync(stream, ObjectStore.BufferSize, cancellationToken).ConfigureAwait(false);
        }

        await PutFileAsync(name, staged, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await SizeOfAsync(KeyOf(name), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The object's body, streamed; a body the store's checksum refuses throws <see cref="InvalidDataException"/> at its end.</summary>
    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync(KeyOf(name), cancellationToken).ConfigureAwait(false) is { } response ? new S3BodyStream(response, Locate(name)) : null;

    public async Task<string?> RehashAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(KeyOf(name), cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ObjectStore.BufferSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }
        }
        catch (AmazonClientException) when (total == response.ContentLength)
        {
            // The SDK's own check of the body (against the store's MD5) failed at its end: every byte was read and
            // hashed, so the hash below is the content's, and it says damaged. A body cut short is an error instead.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<GetObjectResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectAsync(_settings.Bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("read", key, ex);
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => DeleteKeyAsync(KeyOf(name), cancellationToken);

    public async IAsyncEnumerable<StoredObjectInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ListKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ObjectNames.IsHash(item.FileName))
            {
                yield return new StoredObjectInfo(item.FileName, item.Size, item.LastModified);
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private static AmazonS3Config ClientConfig(S3StoreSettings settings)
    {
        var config = new AmazonS3Config { ForcePathStyle = settings.PathStyle };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }

        if (!settings.SdkDefaults)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }
}

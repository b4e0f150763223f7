using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace IloBackup.Engine.Repository.S3;

/// <summary>The S3 store's records, keys and requests.</summary>
public sealed partial class S3ObjectStore
{
    private string ObjectsPrefix => _settings.Prefix + "objects/";

    public async Task PutRecordAsync(string name, string recordId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await PutStreamAsync(RecordKeyOf(name, recordId), stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> ReadRecordAsync(string name, string recordId, CancellationToken cancellationToken)
    {
        var key = RecordKeyOf(name, recordId);
        try
        {
            using var response = await _client.GetObjectAsync(_settings.Bucket, key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
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

    public async IAsyncEnumerable<StoredRecordKey> ListRecordsAsync(string? name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var under = name is null ? null : $"{ObjectNames.Check(name)[..2]}/{name}.";
        await foreach (var item in ListKeysAsync(cancellationToken, under).ConfigureAwait(false))
        {
            if (ObjectNames.ParseRecord(item.FileName) is { } key && (name is null || key.Name == name))
            {
                yield return key;
            }
        }
    }

    public Task DeleteRecordAsync(string name, string recordId, CancellationToken cancellationToken) =>
        DeleteKeyAsync(RecordKeyOf(name, recordId), cancellationToken);

    private string KeyOf(string name) => $"{ObjectsPrefix}{ObjectNames.Check(name)[..2]}/{name}";

    private string RecordKeyOf(string name, string recordId) => $"{ObjectsPrefix}{name[..2]}/{ObjectNames.RecordFileName(name, recordId)}";

    private async Task PutStreamAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _settings.Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
        };
        if (!_settings.SdkDefaults)
        {
            request.UseChunkEncoding = false;
        }

        try
        {
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("upload", key, ex);
        }
    }

    /// <summary>The stored size of <paramref name="key"/>; null when there is no such object.</summary>
    private async Task<long?> SizeOfAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(_settings.Bucket, key, cancellationToken).ConfigureAwait(false);
            return head.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("look up", key, ex);
        }
    }

    private async Task DeleteKeyAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteObjectAsync(_settings.Bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("delete", key, ex);
        }
    }

    /// <summary>Every key under <c>objects/</c> (or under <c>objects/&lt;under&gt;</c>), page by page.</summary>
    private async IAsyncEnumerable<(string FileName, long Size, DateTimeOffset LastModified)> ListKeysAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken, string? under = null)
    {
        var request = new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = ObjectsPrefix + under };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                throw Failed("list", request.Prefix, ex);
            }

            foreach (var item in page.S3Objects ?? [])
            {
                var parts = item.Key[ObjectsPrefix.Length..].Split('/');
                if (parts.Length == 2 && parts[1].Length > 2 && parts[1].StartsWith(parts[0], StringComparison.Ordinal) && parts[0].Length == 2)
                {
                    var modified = item.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue;
                    yield return (parts[1], item.Size ?? 0, modified);
                }
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>An S3 failure in words: what, where, and the store's status and code (never a credential).</summary>
    /// <summary>A failed request, told without the SDK's prose: the store's answer (status and code), or that it cannot be reached.</summary>
    private RepositoryException Failed(string what, string key, Exception ex) => ex is AmazonServiceException service
        ? new($"S3: cannot {what} s3://{_settings.Bucket}/{key}: {(int)service.StatusCode} {service.ErrorCode ?? ex.GetType().Name}"
            + (service.StatusCode == HttpStatusCode.Forbidden ? " (check the access key and secret the repository file names)" : string.Empty), ex)
        : new($"S3: cannot {what} s3://{_settings.Bucket}/{key}: the store at {_settings.Endpoint?.ToString() ?? _settings.Region} cannot be reached ({ex.Message})", ex);
}

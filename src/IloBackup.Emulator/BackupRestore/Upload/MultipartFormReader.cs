using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IloBackup.Emulator.BackupRestore.Upload;

/// <summary>
/// Reads a <c>multipart/form-data</c> body as it streams in: text fields (at most 4 KiB each) into
/// memory, the one file part into a temporary file, the whole body within a size limit. Works
/// with a boundary in the header or, failing that, on the body's first line.
/// </summary>
internal static class MultipartFormReader
{
    private const int MaxFieldBytes = 4096;
    private const int MaxSections = 16;

    /// <param name="contentType">The request's Content-Type header.</param>
    /// <param name="body">The request body.</param>
    /// <param name="limit">Most bytes the body may have.</param>
    /// <param name="fileField">Name of the file part (<c>file</c>).</param>
    /// <param name="temporaryDirectory">Where the file part is spooled.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<MultipartForm> ReadAsync(
        string? contentType,
        Stream body,
        long limit,
        string fileField,
        string temporaryDirectory,
        CancellationToken cancellationToken)
    {
        var limited = new LimitedReadStream(body, limit);
        var (boundary, stream) = await MultipartBoundary.ResolveAsync(contentType, limited, cancellationToken);
        var reader = new MultipartReader(boundary, stream) { HeadersCountLimit = 16, HeadersLengthLimit = 8192, BodyLengthLimit = null };
        var form = new MultipartForm();
        try
        {
            var sections = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++sections > MaxSections
                    || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UploadException(UploadRefusal.Malformed, "A part of the form is not a form field.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name == fileField)
                {
                    if (form.File is not null)
                    {
                        throw new UploadException(UploadRefusal.Malformed, "The form has more than one file.");
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    var (file, length) = await SpoolAsync(section.Body, temporaryDirectory, cancellationToken);
                    form.SetFile(fileName, file, length);
                }
                else
                {
                    form.AddField(name, await ReadFieldAsync(section.Body, cancellationToken));
                }
            }

            return form;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await form.DisposeAsync();
            throw new UploadException(UploadRefusal.TooLarge, "The upload exceeds the server's body size limit.");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            await form.DisposeAsync();
            throw new UploadException(UploadRefusal.Malformed, "The multipart body is malformed.");
        }
        catch
        {
            await form.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read > MaxFieldBytes)
        {
            throw new UploadException(UploadRefusal.Malformed, "A form field is too long.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
        }
        catch (DecoderFallbackException)
        {
            throw new UploadException(UploadRefusal.Malformed, "A form field is not UTF-8.");
        }
    }

    private static async Task<(Stream File, long Length)> SpoolAsync(Stream body, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "ilo-upload-" + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        try
        {
            await body.CopyToAsync(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
            var length = file.Length;
            file.Position = 0;
            return (file, length);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

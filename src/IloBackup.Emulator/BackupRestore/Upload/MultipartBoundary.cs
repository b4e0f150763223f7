using System.Text;
using Microsoft.Net.Http.Headers;

namespace IloBackup.Emulator.BackupRestore.Upload;

/// <summary>
/// Finds the boundary of a multipart body. The seed's DMTF Python example sends a plain
/// <c>Content-Type: multipart/form-data</c> header without a boundary (its HTTP library keeps a
/// caller's Content-Type as is), so when the header has none, the boundary is recovered from the
/// body's first line, which by RFC 2046 is <c>--boundary</c> (../shared/docs/ilo-behaviour.md §3).
/// </summary>
internal static class MultipartBoundary
{
    /// <summary>RFC 2046: a boundary has 1 to 70 characters.</summary>
    private const int MaxBoundaryLength = 70;

    /// <summary>Enough for a preamble-free first line: "--" + 70 + CRLF, with room to spare.</summary>
    private const int SniffLength = 256;

    /// <summary>
    /// Returns the boundary and the body to read from (the sniffed bytes replayed in front).
    /// Throws <see cref="UploadException"/> (<see cref="UploadRefusal.NotMultipart"/>) when there is none.
    /// </summary>
    public static async Task<(string Boundary, Stream Body)> ResolveAsync(string? contentType, Stream body, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(contentType))
        {
            if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw new UploadException(UploadRefusal.NotMultipart, "The request is not multipart/form-data.");
            }

            var declared = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (IsValid(declared))
            {
                return (declared!, body);
            }
        }

        var buffer = new byte[SniffLength];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var sniffed = FromFirstLine(buffer.AsSpan(0, read));
        return sniffed is null
            ? throw new UploadException(UploadRefusal.NotMultipart, "The multipart request has no boundary.")
            : (sniffed, new PrefixedStream(buffer.AsMemory(0, read), body));
    }

    /// <summary>The boundary named by a body's first line (<c>--boundary</c> CRLF), or null.</summary>
    public static string? FromFirstLine(ReadOnlySpan<byte> start)
    {
        var end = start.IndexOf((byte)'\n');
        if (end < 0 || start.Length < 3 || start[0] != '-' || start[1] != '-')
        {
            return null;
        }

        var line = start[2..end];
        while (!line.IsEmpty && line[^1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            line = line[..^1];
        }

        var boundary = Encoding.ASCII.GetString(line);
        return IsValid(boundary) && line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 ? boundary : null;
    }

    private static bool IsValid(string? boundary) =>
        !string.IsNullOrEmpty(boundary) && boundary.Length <= MaxBoundaryLength && boundary[^1] != ' '
        && boundary.All(c => char.IsAsciiLetterOrDigit(c) || "'()+_,-./:=? ".Contains(c, StringComparison.Ordinal));
}

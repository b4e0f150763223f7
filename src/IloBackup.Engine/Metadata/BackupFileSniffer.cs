using System.Text;

namespace IloBackup.Engine.Metadata;

/// <summary>
/// Says when a file is plainly not an iLO backup, from its first bytes: a real iLO's backup is
/// binary and opaque (proprietary, encrypted), the emulator's starts with <c>\x89ILOBAK\n</c>. Text,
/// an empty file, or a well-known other format is not a backup. Anything else may be one.
/// </summary>
public static class BackupFileSniffer
{
    private const int Probe = 4096;

    /// <summary>Null when the file may be a backup; else why it is not, in plain words.</summary>
    public static async Task<string?> WhyNotABackupAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[Probe];
        int read;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Probe, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            read = await stream.ReadAtLeastAsync(head, Probe, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var bytes = head.AsSpan(0, read);
        if (read == 0)
        {
            return "it is empty";
        }

        if (bytes.StartsWith("\x89ILOBAK\n"u8))
        {
            return null;
        }

        var format = bytes switch
        {
            _ when bytes.StartsWith("PK\x03\x04"u8) => "a ZIP archive",
            _ when bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) => "a gzip archive",
            _ when bytes.StartsWith("%PDF"u8) => "a PDF document",
            _ when bytes.StartsWith("SQLite format 3\0"u8) => "an SQLite database",
            _ when IsText(bytes) => bytes.TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..] ? "a JSON or text file" : "a text file",
            _ => null,
        };
        return format is null ? null : $"it is {format}";
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == 0 || (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)))
            {
                return false;
            }
        }

        try
        {
            // Strict UTF-8; a cut at the end of the probe may split one character.
            _ = new UTF8Encoding(false, true).GetCharCount(bytes.Length == Probe ? bytes[..^3] : bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

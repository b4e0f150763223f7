using System.Globalization;
using System.Text;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// The repository key file: a few lines of text (format version, key id, the 32 key bytes in base64),
/// created with mode 0600 from its first byte, never over an existing file. A key file that its
/// group or others may read or write is refused, as ssh refuses such a private key: whoever can read
/// it can read every encrypted backup. Layout and advice in docs/encryption.md.
/// </summary>
public static class RepositoryKeyFile
{
    /// <summary>The first line of every key file; the number is the format version.</summary>
    public const string VersionLine = "ilobackup-repository-key: 1";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Generates a key and writes it to <paramref name="path"/> (mode 0600, fsynced, with its folder),
    /// which must not exist yet: a key is never overwritten, since the backups under it would be lost.
    /// </summary>
    public static async Task<RepositoryKey> CreateAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new RepositoryException($"{full} already exists; a key file is never overwritten (the backups encrypted under it would become unreadable)");
        }

        var key = RepositoryKey.Generate();
        var text = Encoding.ASCII.GetBytes(Format(key));
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 (the umask can only take bits away): never readable by others, not even briefly.
            options.UnixCreateMode = OwnerOnly;
        }

        var written = false;
        try
        {
            var stream = new FileStream(full, options);
            await using (stream.ConfigureAwait(false))
            {
                written = true;
                await stream.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            DirectorySync.FlushParentOf(full);
            return key;
        }
        catch
        {
            key.Dispose();
            if (written)
            {
                File.Delete(full);
            }

            throw;
        }
    }

    /// <summary>Reads a key file; refuses one its group or others may access, and one that is malformed.</summary>
    public static RepositoryKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RepositoryException($"key file {full} does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(full);
            if ((mode & GroupOrOthers) != 0)
            {
                throw new RepositoryException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"key file {full} is accessible to group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); refusing to use it. Run: chmod 600 {full}"));
            }
        }

        return Parse(File.ReadAllText(full, Encoding.ASCII), full);
    }

    /// <summary>The text of a key file for <paramref name="key"/>.</summary>
    public static string Format(RepositoryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "# IloBackup repository key. Keep a copy somewhere safe and apart from the backups:\n"
            + "# without this key, every backup encrypted under it is unreadable. There is no recovery.\n"
            + VersionLine + "\n"
            + "id: " + key.IdHex + "\n"
            + "key: " + Convert.ToBase64String(key.Secret) + "\n";
    }

    /// <summary>Parses the text of a key file; <paramref name="source"/> names it in error messages.</summary>
    public static RepositoryKey Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0 || !lines[0].StartsWith("ilobackup-repository-key:", StringComparison.Ordinal))
        {
            throw new RepositoryException($"{source} is not an IloBackup repository key file");
        }

        if (!string.Equals(lines[0], VersionLine, StringComparison.Ordinal))
        {
            throw new RepositoryException($"{source} has key file format '{lines[0]}', which this version does not read (it reads '{VersionLine}')");
        }

        var id = Field(lines, "id", source);
        var encoded = Field(lines, "key", source);
        var secret = new byte[RepositoryKey.Size];
        if (!Convert.TryFromBase64String(encoded, secret, out var length) || length != RepositoryKey.Size)
        {
            throw new RepositoryException($"{source}: the key line does not hold {RepositoryKey.Size} bytes in base64");
        }

        var key = RepositoryKey.FromBytes(secret);
        Array.Clear(secret);
        if (!string.Equals(key.IdHex, id, StringComparison.OrdinalIgnoreCase))
        {
            key.Dispose();
            throw new RepositoryException($"{source}: the key id {id} does not belong to the key in the file (damaged or edited key file)");
        }

        return key;
    }

    private static string Field(List<string> lines, string name, string source)
    {
        var prefix = name + ":";
        var matches = lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0][prefix.Length..].Trim()
            : throw new RepositoryException($"{source}: expected one '{name}:' line, found {matches.Count}");
    }
}

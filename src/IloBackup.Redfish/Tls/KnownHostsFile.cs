namespace IloBackup.Redfish.Tls;

/// <summary>
/// Pinned certificate fingerprints, like SSH's known_hosts (docs/development.md "Known hosts"):
/// one <c>&lt;host&gt;:&lt;port&gt; SHA256:...</c> line per iLO, <c>#</c> comments. Thread-safe: a
/// fleet run may pin many new iLOs at once. Managed by <c>ilobackup trust</c> / <c>untrust</c>
/// (<see cref="Replace"/>, <see cref="Remove"/>, <see cref="List"/>), which rewrite it whole
/// (temporary file, then rename), keeping comments and other lines.
/// </summary>
public sealed class KnownHostsFile
{
    public const string EnvironmentVariable = "ILOBACKUP_KNOWN_HOSTS";

    private readonly Lock _gate = new();
    private Dictionary<string, KnownHostEntry>? _entries;

    public KnownHostsFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary><c>$ILOBACKUP_KNOWN_HOSTS</c>, else <c>~/.config/ilobackup/known_hosts</c>.</summary>
    public static string DefaultPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(home, ".config", "ilobackup", "known_hosts");
    }

    /// <summary>The pinned fingerprint for <paramref name="hostPort"/>, or null.</summary>
    public string? Find(string hostPort) => FindEntry(hostPort)?.Fingerprint;

    /// <summary>The pin of <paramref name="hostPort"/> with its line number, or null.</summary>
    public KnownHostEntry? FindEntry(string hostPort)
    {
        lock (_gate)
        {
            return Load().GetValueOrDefault(hostPort);
        }
    }

    /// <summary>Every pin, in file order.</summary>
    public IReadOnlyList<KnownHostEntry> List()
    {
        lock (_gate)
        {
            return [.. Load().Values.OrderBy(e => e.Line)];
        }
    }

    /// <summary>Pins <paramref name="fingerprint"/> for <paramref name="hostPort"/>, replacing nothing silently.</summary>
    public void Add(string hostPort, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPort);
        Check(fingerprint);
        lock (_gate)
        {
            var entries = Load();
            if (entries.TryGetValue(hostPort, out var existing))
            {
                if (CertificateFingerprint.AreEqual(existing.Fingerprint, fingerprint))
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"{hostPort} is already pinned to another certificate in {Path} (line {existing.Line}); "
                    + $"if the change is expected: ilobackup trust {hostPort} --fingerprint {fingerprint}");
            }

            EnsureDirectory();
            // Appending one whole line is atomic enough for a text file read line by line.
            File.AppendAllText(Path, $"{hostPort} {fingerprint}\n");
            _entries = null;
        }
    }

    /// <summary>
    /// Pins <paramref name="fingerprint"/> for <paramref name="hostPort"/>, replacing the pin it had
    /// (in its line); returns that pin, or null when there was none (then a line is appended).
    /// </summary>
    public KnownHostEntry? Replace(string hostPort, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPort);
        Check(fingerprint);
        lock (_gate)
        {
            var old = Load().GetValueOrDefault(hostPort);
            if (old is null)
            {
                Add(hostPort, fingerprint);
                return null;
            }

            Rewrite(hostPort, $"{old.HostPort} {fingerprint}");
            return old;
        }
    }

    /// <summary>Removes the pin of <paramref name="hostPort"/>; returns it, or null when there was none.</summary>
    public KnownHostEntry? Remove(string hostPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPort);
        lock (_gate)
        {
            var old = Load().GetValueOrDefault(hostPort);
            if (old is not null)
            {
                Rewrite(hostPort, replacement: null);
            }

            return old;
        }
    }

    private static void Check(string fingerprint)
    {
        if (CertificateFingerprint.Normalize(fingerprint) is null)
        {
            throw new ArgumentException("not a SHA256 fingerprint", nameof(fingerprint));
        }
    }

    /// <summary>Every line of <paramref name="hostPort"/> replaced by <paramref name="replacement"/> (the first) or dropped; the rest kept as written.</summary>
    private void Rewrite(string hostPort, string? replacement)
    {
        var kept = new List<string>();
        foreach (var raw in File.ReadAllLines(Path))
        {
            if (Parse(raw) is { } entry && string.Equals(entry.Host, hostPort, StringComparison.OrdinalIgnoreCase))
            {
                if (replacement is not null)
                {
                    kept.Add(replacement);
                    replacement = null;
                }

                continue;
            }

            kept.Add(raw);
        }

        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllLines(temporary, kept);
        File.Move(temporary, Path, overwrite: true);
        _entries = null;
    }

    private void EnsureDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static (string Host, string Fingerprint)? Parse(string raw)
    {
        var line = raw.Trim();
        if (line.Length == 0 || line.StartsWith('#'))
        {
            return null;
        }

        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && CertificateFingerprint.Normalize(parts[1]) is not null ? (parts[0], parts[1]) : null;
    }

    private Dictionary<string, KnownHostEntry> Load()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        var entries = new Dictionary<string, KnownHostEntry>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(Path))
        {
            var number = 0;
            foreach (var raw in File.ReadLines(Path))
            {
                number++;
                if (Parse(raw) is { } parsed)
                {
                    // The last line wins, as before; a rewrite drops every line of the host.
                    entries[parsed.Host] = new KnownHostEntry(parsed.Host, parsed.Fingerprint, number);
                }
            }
        }

        _entries = entries;
        return entries;
    }
}

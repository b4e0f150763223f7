namespace IloBackup.Redfish.Tls;

/// <summary>
/// Pinned certificate fingerprints, like SSH's known_hosts (docs/development.md "Known hosts"):
/// one <c>&lt;host&gt;:&lt;port&gt; SHA256:...</c> line per iLO, <c>#</c> comments. Thread-safe: a
/// fleet run may pin many new iLOs at once.
/// </summary>
public sealed class KnownHostsFile
{
    public const string EnvironmentVariable = "ILOBACKUP_KNOWN_HOSTS";

    private readonly Lock _gate = new();
    private Dictionary<string, string>? _entries;

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
    public string? Find(string hostPort)
    {
        lock (_gate)
        {
            return Load().GetValueOrDefault(hostPort);
        }
    }

    /// <summary>Pins <paramref name="fingerprint"/> for <paramref name="hostPort"/>, replacing nothing silently.</summary>
    public void Add(string hostPort, string fingerprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPort);
        if (CertificateFingerprint.Normalize(fingerprint) is null)
        {
            throw new ArgumentException("not a SHA256 fingerprint", nameof(fingerprint));
        }

        lock (_gate)
        {
            var entries = Load();
            if (entries.TryGetValue(hostPort, out var existing))
            {
                if (CertificateFingerprint.AreEqual(existing, fingerprint))
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"{hostPort} is already pinned to another certificate in {Path}; remove that line first if the change is expected");
            }

            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // Appending one whole line is atomic enough for a text file read line by line.
            File.AppendAllText(Path, $"{hostPort} {fingerprint}\n");
            entries[hostPort] = fingerprint;
        }
    }

    private Dictionary<string, string> Load()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(Path))
        {
            foreach (var raw in File.ReadLines(Path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && CertificateFingerprint.Normalize(parts[1]) is not null)
                {
                    entries[parts[0]] = parts[1];
                }
            }
        }

        _entries = entries;
        return entries;
    }
}

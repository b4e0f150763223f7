namespace IloBackup.Cli.Configuration;

/// <summary>
/// A config file as read by <see cref="ConfigFileReader"/>: the known keys it sets (those of the <c>serve:</c> section
/// under their path, <c>serve.listen</c>), and how many keys stand directly under <c>serve:</c> and on which line.
/// </summary>
internal sealed record ConfigFile(string Path, IReadOnlyDictionary<string, ConfigFileEntry> Entries, int? ServeKeys, int? ServeLine);

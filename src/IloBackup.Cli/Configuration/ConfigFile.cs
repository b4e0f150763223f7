namespace IloBackup.Cli.Configuration;

/// <summary>
/// A config file as read by <see cref="ConfigFileReader"/>: the known keys it sets, and how many keys its
/// <c>serve:</c> section holds (kept for the future <c>serve</c> verb, not read by any other).
/// </summary>
internal sealed record ConfigFile(string Path, IReadOnlyDictionary<string, ConfigFileEntry> Entries, int? ServeKeys, int? ServeLine);

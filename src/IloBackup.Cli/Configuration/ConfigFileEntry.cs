namespace IloBackup.Cli.Configuration;

/// <summary>One key of the config file as read: its text (paths already resolved) and line.</summary>
internal sealed record ConfigFileEntry(string Value, int Line);

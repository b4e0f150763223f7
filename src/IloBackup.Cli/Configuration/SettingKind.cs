namespace IloBackup.Cli.Configuration;

/// <summary>How a setting's text is checked and, for paths, resolved.</summary>
internal enum SettingKind
{
    /// <summary>Free text (a user name).</summary>
    Text,

    /// <summary>A file or folder: <c>~/</c> is the home folder; in the file, relative to the file's folder.</summary>
    Path,

    /// <summary>A whole number from 1 to 4096.</summary>
    Count,

    /// <summary>A duration: 90s, 5m, 1h.</summary>
    Duration,

    /// <summary>The name of an environment variable (never its value).</summary>
    VariableName,
}

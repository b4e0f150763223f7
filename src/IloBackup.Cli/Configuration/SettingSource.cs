namespace IloBackup.Cli.Configuration;

/// <summary>Where a setting's value came from, in the order of precedence.</summary>
internal enum SettingSource
{
    /// <summary>Given on the command line.</summary>
    Flag,

    /// <summary>An environment variable (<c>ILOBACKUP_...</c>).</summary>
    Environment,

    /// <summary>A line of the config file.</summary>
    File,

    /// <summary>The tool's own default.</summary>
    BuiltIn,

    /// <summary>No value anywhere.</summary>
    Unset,
}

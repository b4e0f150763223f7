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

    /// <summary>A duration or 0 (none): jitter, throttle.</summary>
    DurationOrZero,

    /// <summary>true or false.</summary>
    Switch,

    /// <summary>A TCP port, 1 to 65535.</summary>
    Port,

    /// <summary>An absolute http(s) URL without a user name or password in it.</summary>
    Url,

    /// <summary>Notification events, comma-separated (a YAML list in the file): backup-failed, configuration-changed, ...</summary>
    Events,

    /// <summary>A list of text, comma-separated (a YAML list in the file).</summary>
    List,

    /// <summary>A cron expression (5 fields, or 6 with seconds).</summary>
    Cron,

    /// <summary>An IANA time zone name.</summary>
    TimeZone,

    /// <summary>ADDRESS:PORT with an IP address.</summary>
    Endpoint,
}

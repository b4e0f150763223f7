namespace IloBackup.Cli.Configuration;

/// <summary>A setting's effective value and where it came from (<c>ilobackup config show</c>).</summary>
internal sealed record Setting(SettingKey Key, string? Value, SettingSource Source, string? Origin = null)
{
    /// <summary>The key whose value this is, when the key itself is set nowhere (<c>serve.repo</c> takes <c>repo</c>'s).</summary>
    public string? Via { get; init; }

    /// <summary>For the person reading it: <c>flag</c>, <c>env ILOBACKUP_REPO</c>, <c>file /x/config.yaml:3</c>, <c>built-in</c>, and <c>(as repo)</c> for a fallback.</summary>
    public string Describe() => (Source switch
    {
        SettingSource.Flag => "flag " + Key.OptionName,
        SettingSource.Environment => "env " + Origin,
        SettingSource.File => "file " + Origin,
        SettingSource.BuiltIn => "built-in",
        _ => "unset",
    }) + (Via is null ? string.Empty : $" (as {Via})");

    /// <summary>The key and where its value came from, for error messages: <c>serve.listen (file /x/config.yaml:4)</c>.</summary>
    public string Named() => $"{Key.Name} ({Describe()})";
}

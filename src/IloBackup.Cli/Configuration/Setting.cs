namespace IloBackup.Cli.Configuration;

/// <summary>A setting's effective value and where it came from (<c>ilobackup config show</c>).</summary>
internal sealed record Setting(SettingKey Key, string? Value, SettingSource Source, string? Origin = null)
{
    /// <summary>For the person reading it: <c>flag</c>, <c>env ILOBACKUP_REPO</c>, <c>file /x/config.yaml:3</c>, <c>built-in</c>.</summary>
    public string Describe() => Source switch
    {
        SettingSource.Flag => "flag " + Key.OptionName,
        SettingSource.Environment => "env " + Origin,
        SettingSource.File => "file " + Origin,
        SettingSource.BuiltIn => "built-in",
        _ => "unset",
    };
}

namespace IloBackup.Cli.Configuration;

/// <summary>
/// One key of the config file (docs/configuration.md). Its environment variable is
/// <c>ILOBACKUP_</c> + the key in upper case with <c>_</c> for <c>-</c>; the options it supplies a default
/// for are those named <c>--KEY</c> on the commands <see cref="AppliesTo"/> accepts.
/// </summary>
internal sealed record SettingKey(string Name, SettingKind Kind, string Meaning)
{
    /// <summary>The built-in value as shown by <c>config show</c>; null when there is none.</summary>
    public Func<Func<string, string?>, string?> BuiltIn { get; init; } = _ => null;

    /// <summary>Whether an option <c>--NAME</c> of this command (its path below the root) takes its default from this key.</summary>
    public Func<IReadOnlyList<string>, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>False for keys no option stands for (known-hosts, password references): the verbs ask the settings.</summary>
    public bool SuppliesOption { get; init; } = true;

    public string EnvironmentVariable => "ILOBACKUP_" + Name.ToUpperInvariant().Replace('-', '_');

    public string OptionName => "--" + Name;
}

namespace IloBackup.Cli.Configuration;

/// <summary>
/// One key of the config file (docs/configuration.md). Its environment variable is
/// <c>ILOBACKUP_</c> + the key in upper case with <c>_</c> for <c>-</c> and <c>.</c>; the options it supplies a default
/// for are those named <see cref="OptionName"/> on the commands <see cref="AppliesTo"/> accepts. Keys of the
/// <c>serve:</c> section are named by their path (<c>serve.notify.webhook.url</c>).
/// </summary>
internal sealed record SettingKey(string Name, SettingKind Kind, string Meaning)
{
    /// <summary>The built-in value as shown by <c>config show</c>; null when there is none.</summary>
    public Func<Func<string, string?>, string?> BuiltIn { get; init; } = _ => null;

    /// <summary>Whether an option <see cref="OptionName"/> of this command (its path below the root) takes its default from this key.</summary>
    public Func<IReadOnlyList<string>, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>False for keys no option stands for (known-hosts, password references): the verbs ask the settings.</summary>
    public bool SuppliesOption { get; init; } = true;

    /// <summary>The key whose value applies when this one is set nowhere (<c>serve.repo</c>: <c>repo</c>).</summary>
    public SettingKey? Fallback { get; init; }

    /// <summary>The option it supplies, when not <c>--NAME</c> (<c>serve.listen</c>: <c>--listen</c>).</summary>
    public string? Option { get; init; }

    public string EnvironmentVariable => "ILOBACKUP_" + Name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    public string OptionName => Option ?? "--" + Name;

    /// <summary>A key of the <c>serve:</c> section (its own flags; <c>config show</c> takes only the top-level ones).</summary>
    public bool InServeSection => Name.StartsWith(SettingKeys.Serve + ".", StringComparison.Ordinal);
}

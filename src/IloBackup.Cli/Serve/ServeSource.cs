using System.CommandLine;
using IloBackup.Cli.Configuration;
using IloBackup.Engine.Secrets;

namespace IloBackup.Cli.Serve;

/// <summary>A value of <c>serve</c> and where it came from, for messages: <c>--listen</c> or <c>serve.listen (file /etc/x.yaml:4)</c>.</summary>
internal readonly record struct Given(string? Value, string Label);

/// <summary>Where a secret of <c>serve</c> is (a file or a variable, never the config file itself) and how errors name it.</summary>
internal sealed record ServeSecret(SecretSource Source, string Label)
{
    public Task<string> ReadAsync(CliConsole console, CancellationToken cancellationToken) => Connection.CliSecrets.ReadAsync(Source, console, Label, cancellationToken);
}

/// <summary>
/// Reads <c>serve</c>'s values: a flag, else the <c>serve:</c> section (or its variable), which <see cref="SettingsLayer"/>
/// already made the option's default, else the option's own default. Keys no flag stands for are read from the settings.
/// </summary>
internal sealed class ServeSource(ParseResult parse, CliSettings settings)
{
    public CliSettings Settings => settings;

    public static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    public bool IsGiven(Option option) => IsGiven(parse, option);

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>The option's value, labelled with the flag or, when the section supplied it, the key and its origin.</summary>
    public Given Read<T>(Option<T> option, SettingKey key)
        where T : class? =>
        new(parse.GetValue(option)?.ToString(), IsGiven(option) ? option.Name : FromSettings(key) ? settings[key].Named() : option.Name);

    /// <summary>Whether the key's value came from the file or the environment (not built-in, not unset).</summary>
    public bool FromSettings(SettingKey key) => settings[key] is { Source: SettingSource.Environment or SettingSource.File };

    /// <summary>
    /// A secret's place: the flag's file; else the section's file (<c>...-file</c>); else the variable the section's
    /// <c>...-env</c> names (a built-in name only when it is set). Both a file and a variable configured is refused.
    /// </summary>
    public ServeSecret? Secret(Option<string?> fileOption, SettingKey fileKey, SettingKey envKey)
    {
        if (IsGiven(fileOption) && parse.GetValue(fileOption) is { } flagFile)
        {
            return new ServeSecret(SecretSource.FromFile(flagFile), fileOption.Name);
        }

        var file = settings[fileKey];
        var variable = settings[envKey];
        if (FromSettings(fileKey) && file.Value is { } path)
        {
            return FromSettings(envKey)
                ? throw new CliUsageException($"{file.Named()} and {variable.Named()}: give one place for the secret, not both")
                : new ServeSecret(SecretSource.FromFile(path), file.Named());
        }

        if (variable.Value is { } name && settings.Environment(name) is { Length: > 0 })
        {
            return new ServeSecret(SecretSource.FromEnvironment(name), FromSettings(envKey) ? variable.Named() : "$" + name);
        }

        return FromSettings(envKey)
            ? throw new CliUsageException($"{variable.Named()}: the variable {variable.Value} is not set")
            : null;
    }
}

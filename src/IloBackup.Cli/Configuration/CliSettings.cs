using System.CommandLine;
using System.Runtime.CompilerServices;

namespace IloBackup.Cli.Configuration;

/// <summary>
/// The effective defaults of one run: environment (<c>ILOBACKUP_*</c>), then the config file, then built-in.
/// Flags beat all three: <see cref="SettingsLayer"/> turns these values into the options' defaults, so
/// verbs read their options as before. Settings no option stands for (known hosts, password references)
/// are read here by the verbs that need them, through <see cref="Of"/>.
/// </summary>
internal sealed class CliSettings
{
    private static readonly ConditionalWeakTable<Command, CliSettings> Attached = [];
    private readonly Dictionary<string, Setting> _values;

    private CliSettings(ConfigLocation location, ConfigFile? file, Dictionary<string, Setting> values, Func<string, string?> env)
    {
        Location = location;
        File = file;
        _values = values;
        Environment = env;
    }

    public ConfigLocation Location { get; }

    /// <summary>The file read, or null when there is none at the default location.</summary>
    public ConfigFile? File { get; }

    public Func<string, string?> Environment { get; }

    public Setting this[SettingKey key] => _values[key.Name];

    public string KnownHostsPath => this[SettingKeys.KnownHosts].Value!;

    /// <summary>Reads the config file the arguments and environment point to; a problem is a <see cref="CliUsageException"/> naming file and line.</summary>
    public static CliSettings Load(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var location = ConfigLocation.Find(args, env);
        ConfigFile? file = null;
        if (System.IO.File.Exists(location.Path))
        {
            file = ConfigFileReader.Read(location.Path, env);
        }
        else if (location.Explicit)
        {
            throw new CliUsageException($"config file {location.Path} ({location.Source}) does not exist");
        }

        var values = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var key in SettingKeys.All)
        {
            values[key.Name] = Resolve(key, file, env, values);
        }

        return new CliSettings(location, file, values, env);
    }

    /// <summary>The settings of the run <paramref name="parse"/> belongs to; environment and built-in values when none were attached.</summary>
    public static CliSettings Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Attached.TryGetValue(parse.RootCommandResult.Command, out var settings)
            ? settings
            : Load([], System.Environment.GetEnvironmentVariable);
    }

    public void AttachTo(Command root) => Attached.AddOrUpdate(root, this);

    /// <summary>
    /// The iLO password where no flag gave one: the variable <c>password-env</c> names (<c>ILO_PASSWORD</c>),
    /// else the file <c>password-file</c> names, else null.
    /// </summary>
    public async Task<string?> PasswordAsync(CancellationToken cancellationToken)
    {
        var variable = this[SettingKeys.PasswordEnv].Value!;
        if (Environment(variable) is { Length: > 0 } password)
        {
            return password;
        }

        var file = this[SettingKeys.PasswordFile];
        return file.Value is null ? null
            : await Connection.CliSecrets.ReadAsync(
                Engine.Secrets.SecretSource.FromFile(file.Value), CliConsole.System, $"password-file ({file.Describe()})", cancellationToken).ConfigureAwait(false);
    }

    private static Setting Resolve(SettingKey key, ConfigFile? file, Func<string, string?> env, Dictionary<string, Setting> resolved)
    {
        if (env(key.EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            var problem = SettingValue.Check(key, fromEnv);
            return problem is null
                ? new Setting(key, SettingValue.Resolve(key, fromEnv, null, env), SettingSource.Environment, key.EnvironmentVariable)
                : throw new CliUsageException($"{key.EnvironmentVariable}: {problem}");
        }

        if (file?.Entries.GetValueOrDefault(key.Name) is { } entry)
        {
            return new Setting(key, entry.Value, SettingSource.File, $"{file.Path}:{entry.Line}");
        }

        if (key.Fallback is { } fallback && resolved[fallback.Name] is { Source: not SettingSource.Unset } general)
        {
            // serve.repo set nowhere: repo's value, from wherever repo's came (specific first, then general).
            return general with { Key = key, Via = fallback.Name };
        }

        return key.BuiltIn(env) is { } builtIn
            ? new Setting(key, builtIn, SettingSource.BuiltIn)
            : new Setting(key, null, SettingSource.Unset);
    }
}

using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace IloBackup.Cli.Configuration;

/// <summary>
/// <c>ilobackup config show [--json]</c>: the effective settings and where each came from (flag, env,
/// file:line, built-in), the <c>serve:</c> section's keys (<c>serve.listen</c>, ...) with them. It takes the same flags as
/// the verbs, to show what a flag would change.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var json = Output.CommonOptions.Json();
        // The top-level keys' flags (the verbs share them); the serve section's flags are serve's own.
        var flags = SettingKeys.TopLevel.Where(k => k.SuppliesOption)
            .Select(k => (Key: k, Option: new Option<string?>(k.OptionName) { Description = $"Show the effect of this flag: {k.Meaning}", HelpName = "VALUE" }))
            .ToList();
        var show = new Command("show", "Print the effective settings and where each came from (flag, env, file:line, built-in)") { json };
        foreach (var (_, option) in flags)
        {
            show.Options.Add(option);
        }

        show.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Of(parse);
            var effective = SettingKeys.All.Select(key => flags.FirstOrDefault(f => f.Key == key) is { Option: { } option }
                    && parse.GetResult(option) is { Implicit: false } && parse.GetValue(option) is { } given
                ? FromFlag(key, given, settings)
                : settings[key]).ToList();
            var text = parse.GetValue(json) ? Json(settings, effective) : Table(settings, effective);
            await console.Out.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return new Command("config", "The config file of defaults (docs/configuration.md)") { show };
    }

    private static Setting FromFlag(SettingKey key, string value, CliSettings settings) =>
        SettingValue.Check(key, value) is { } problem
            ? throw new CliUsageException($"{key.OptionName}: {problem}")
            : new Setting(key, key.Kind == SettingKind.Path ? Path.GetFullPath(SettingValue.Resolve(key, value, null, settings.Environment)) : value, SettingSource.Flag);

    private static string Table(CliSettings settings, List<Setting> effective)
    {
        var rows = new List<(string Name, string Value, string Source)>
        {
            ("config file", settings.Location.Path, settings.Location.Source + (settings.File is null ? ", not present" : string.Empty)),
        };
        rows.AddRange(effective.Select(s => (s.Key.Name, s.Value ?? "-", s.Describe())));
        var nameWidth = rows.Max(r => r.Name.Length) + 2;
        var valueWidth = rows.Max(r => r.Value.Length) + 2;
        var text = new StringBuilder();
        foreach (var (name, value, source) in rows)
        {
            text.Append(name.PadRight(nameWidth)).Append(value.PadRight(valueWidth)).Append(source).Append('\n');
        }

        return text.ToString();
    }

    private static string Json(CliSettings settings, List<Setting> effective)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("configFile");
            w.WriteString("path", settings.Location.Path);
            w.WriteString("source", settings.Location.Source);
            w.WriteBoolean("present", settings.File is not null);
            w.WriteEndObject();
            w.WriteStartObject("settings");
            foreach (var setting in effective)
            {
                w.WriteStartObject(setting.Key.Name);
                if (setting.Value is null)
                {
                    w.WriteNull("value");
                }
                else
                {
                    w.WriteString("value", setting.Value);
                }

                w.WriteString("source", setting.Source switch
                {
                    SettingSource.Flag => "flag",
                    SettingSource.Environment => "env",
                    SettingSource.File => "file",
                    SettingSource.BuiltIn => "built-in",
                    _ => "unset",
                });
                if (setting.Origin is not null)
                {
                    w.WriteString("origin", setting.Origin);
                }

                if (setting.Via is not null)
                {
                    w.WriteString("as", setting.Via);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (settings.File is { ServeKeys: { } count, ServeLine: { } line })
            {
                w.WriteStartObject("serve");
                w.WriteNumber("keys", count);
                w.WriteNumber("line", line);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

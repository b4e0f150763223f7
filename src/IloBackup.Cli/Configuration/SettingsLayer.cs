using System.CommandLine;
using System.Globalization;

namespace IloBackup.Cli.Configuration;

/// <summary>
/// The one place config-file and environment defaults reach the verbs: every option named after a key
/// (<c>--repo</c>, <c>--user</c>, <c>--concurrency</c>, <c>--deadline</c>, <c>--inventory</c>; under <c>serve</c> also the
/// flags of the <c>serve:</c> section's keys, <c>--listen</c>, <c>--webhook</c>, ...) on a command the key applies to gets
/// that value as its default, so a flag still wins and the verbs read their options
/// as they always did. Options added later by any verb are covered by their name alone.
/// </summary>
internal static class SettingsLayer
{
    public static void Apply(Command root, CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(settings);
        settings.AttachTo(root);
        Walk(root, [], settings);
    }

    private static void Walk(Command command, List<string> path, CliSettings settings)
    {
        foreach (var option in command.Options)
        {
            // The serve section's key before the general one (serve.repo, else repo: its fallback).
            if (SettingKeys.All.Where(k => k.SuppliesOption && k.OptionName == option.Name && k.AppliesTo(path)).OrderBy(k => k.InServeSection ? 0 : 1).FirstOrDefault() is { } key
                && settings[key] is { Source: SettingSource.Environment or SettingSource.File, Value: { } value })
            {
                Supply(option, value);
            }
        }

        foreach (var sub in command.Subcommands)
        {
            path.Add(sub.Name);
            Walk(sub, path, settings);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void Supply(Option option, string value)
    {
        switch (option)
        {
            case Option<string> text:
                text.DefaultValueFactory = _ => value;
                break;
            case Option<int> number:
                var n = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                number.DefaultValueFactory = _ => n;
                break;
            case Option<string[]> list:
                var items = SettingValue.Items(value).ToArray();
                list.DefaultValueFactory = _ => items;
                break;
            case Option<int?> optionalNumber:
                var m = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                optionalNumber.DefaultValueFactory = _ => m;
                break;
            default:
                // An option of another type under a key's name: its own default stands (the test of the layer lists them).
                return;
        }

        // A required option the settings supply is no longer required on the command line.
        option.Required = false;
    }
}

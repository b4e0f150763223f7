using System.Globalization;
using IloBackup.Cli.Connection;

namespace IloBackup.Cli.Configuration;

/// <summary>Checks a setting's text by its kind, and resolves paths (<c>~/</c>, relative to the config file).</summary>
internal static class SettingValue
{
    public const int MaxConcurrency = 4096;

    /// <summary>Null when the text is acceptable for the key, else what is wrong with it.</summary>
    public static string? Check(SettingKey key, string text)
    {
        switch (key.Kind)
        {
            case SettingKind.Count:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxConcurrency
                    ? null
                    : $"'{text}' is not a whole number from 1 to {MaxConcurrency}";
            case SettingKind.Duration:
                try
                {
                    DurationText.Parse(text, key.Name);
                    return null;
                }
                catch (CliUsageException)
                {
                    return $"'{text}' is not a duration (e.g. 90s, 5m, 1h)";
                }

            case SettingKind.VariableName:
                return text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(text[0])
                    ? null
                    // The text itself is not repeated: it may be the password, put here by mistake.
                    : "not the name of an environment variable (name the variable, never write the password here)";
            default:
                return null;
        }
    }

    /// <summary>The text with <c>~/</c> expanded and, for a path in a file, made absolute from that file's folder.</summary>
    public static string Resolve(SettingKey key, string text, string? baseFolder, Func<string, string?> env)
    {
        if (key.Kind != SettingKind.Path)
        {
            return text;
        }

        if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(SettingKeys.Home(env), text.Length > 2 ? text[2..] : string.Empty);
        }

        return baseFolder is null || Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(baseFolder, text));
    }
}

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
                return ServeCheck(key.Kind, text);
        }
    }

    /// <summary>The kinds of the <c>serve:</c> section's keys.</summary>
    private static string? ServeCheck(SettingKind kind, string text)
    {
        switch (kind)
        {
            case SettingKind.DurationOrZero:
                try
                {
                    DurationText.Parse(text, "value", TimeSpan.FromSeconds(1), allowZero: true);
                    return null;
                }
                catch (CliUsageException)
                {
                    return $"'{text}' is not a duration (e.g. 90s, 15m, 1h; 0 for none)";
                }

            case SettingKind.Switch:
                return IsTrue(text) || IsFalse(text) ? null : $"'{text}' is not true or false";
            case SettingKind.Port:
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
                    ? null
                    : $"'{text}' is not a port from 1 to 65535";
            case SettingKind.Url:
                // A user name and password in the URL would be a secret in the file: its text is not repeated.
                return !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                    ? "not an http(s) URL"
                    : uri.UserInfo.Length > 0 ? "holds a user name or password (user:password@): keep the secret in secret-file or secret-env" : null;
            case SettingKind.Events:
                try
                {
                    var events = Items(text);
                    foreach (var name in events)
                    {
                        global::IloBackup.Serve.Notifications.Notification.Parse(name);
                    }

                    return events.Count > 0 ? null : "names no event";
                }
                catch (FormatException ex)
                {
                    return ex.Message;
                }

            case SettingKind.List:
                return Items(text).Count > 0 ? null : "names nothing";
            case SettingKind.Cron:
                try
                {
                    global::IloBackup.Serve.Scheduling.BackupSchedule.Parse(text, null, TimeSpan.Zero);
                    return null;
                }
                catch (FormatException ex)
                {
                    return ex.Message;
                }

            case SettingKind.TimeZone:
                try
                {
                    global::IloBackup.Serve.Scheduling.BackupSchedule.Parse("0 2 * * *", text, TimeSpan.Zero);
                    return null;
                }
                catch (FormatException ex)
                {
                    return ex.Message;
                }

            case SettingKind.Endpoint:
                return System.Net.IPEndPoint.TryParse(text, out _) ? null : $"'{text}' is not ADDRESS:PORT with an IP address (e.g. 127.0.0.1:8080)";
            default:
                return null;
        }
    }

    public static bool IsTrue(string text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(string text) => string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The items of a list value (comma-separated; the file's YAML lists are read this way).</summary>
    public static IReadOnlyList<string> Items(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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

using System.Text;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// Writes the fleet as a YAML inventory (docs/development.md, "Inventory files"): URL, serial
/// and certificate fingerprint of each iLO, the control URL, and a <c>password-file</c>
/// reference — never the password itself.
/// </summary>
internal static class InventoryWriter
{
    public static void Write(EmulatorFleet fleet, string path)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Written by ilobackup emulator: ").Append(fleet.Ilos.Count).Append(" emulated iLO(s).\n");
        if (fleet.ControlUrl is { } control)
        {
            yaml.Append("control: ").Append(Quote(control.ToString().TrimEnd('/'))).Append('\n');
        }

        yaml.Append("defaults:\n");
        yaml.Append("  user: ").Append(Quote(fleet.AdminUser)).Append('\n');
        if (fleet.PasswordFile is null)
        {
            // No state directory, hence no file to point at: the caller provides the password.
            yaml.Append("  password-env: ILO_PASSWORD\n");
        }

        yaml.Append("hosts:\n");
        foreach (var ilo in fleet.Ilos)
        {
            yaml.Append("  - host: ").Append(Quote(ilo.BaseUrl.ToString().TrimEnd('/'))).Append('\n');
            yaml.Append("    serial: ").Append(Quote(ilo.Identity.ServerSerial)).Append('\n');
            if (fleet.PasswordFile is { } file)
            {
                yaml.Append("    password-file: ").Append(Quote(Path.GetFullPath(file))).Append('\n');
            }

            if (ilo.BaseUrl.Scheme == Uri.UriSchemeHttps)
            {
                yaml.Append("    fingerprint: ").Append(Quote(ilo.CertificateFingerprint)).Append('\n');
            }
        }

        Persistence.AtomicFile.Write(path, Encoding.UTF8.GetBytes(yaml.ToString()), durable: false);
    }

    /// <summary>Plain when safe, else a double-quoted YAML string.</summary>
    internal static string Quote(string value)
    {
        var plain = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_' or ':' or '@')
            && !value.Contains(": ", StringComparison.Ordinal) && char.IsAsciiLetterOrDigit(value[0]) && !value.EndsWith(':');
        if (plain)
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                _ when char.IsControl(c) => quoted.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}

using System.Globalization;
using IloBackup.Emulator.Redfish;

namespace IloBackup.Emulator.Network;

/// <summary>Format checks shared by the network resources; each refusal is a Base registry error.</summary>
internal static class Validate
{
    public static string IPv4(string value, string property)
    {
        var parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)
            || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, Short(value), property);
        }

        return string.Join('.', parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>An RFC 1123 host name label, at most 49 characters as iLO allows.</summary>
    public static string HostName(string value, string property)
    {
        if (value.Length is 0 or > 49 || value[0] == '-' || value[^1] == '-' || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, Short(value), property);
        }

        return value;
    }

    /// <summary>A DNS domain name (labels separated by dots), or empty.</summary>
    public static string DomainName(string value, string property)
    {
        if (value.Length == 0)
        {
            return value;
        }

        if (value.Length > 64 || value.Split('.').Any(l => l.Length == 0 || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, Short(value), property);
        }

        return value;
    }

    /// <summary>A host name, domain name or IPv4 address (NTP, LDAP, SNMP destinations), or empty.</summary>
    public static string Address(string value, string property)
    {
        if (value.Length == 0)
        {
            return value;
        }

        return value.All(c => char.IsAsciiDigit(c) || c == '.') ? IPv4(value, property) : DomainName(value, property);
    }

    public static void Port(int? port, string property)
    {
        if (port is < 1 or > 65535)
        {
            throw new RedfishException(BaseMessages.PropertyValueOutOfRange, port.Value.ToString(CultureInfo.InvariantCulture), property);
        }
    }

    /// <summary>Printable text without control characters (community strings, contact, banner).</summary>
    public static string Text(string value, string property)
    {
        if (value.Any(char.IsControl))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, "(control characters)", property);
        }

        return value;
    }

    private static string Short(string text) => text.Length <= 64 ? text : text[..64] + "...";
}

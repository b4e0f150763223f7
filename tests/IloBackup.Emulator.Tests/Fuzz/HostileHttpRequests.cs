using System.Globalization;
using System.Text;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;

namespace IloBackup.Emulator.Tests.Fuzz;

/// <summary>
/// Seeded raw HTTP/1.1 requests as an attacker writes them: every route of the route table with every
/// method and non-standard ones, broken and overflowing chunk sizes, lying Content-Length, invalid
/// UTF-8 and escaped lone surrogates in JSON keys and values, deep nesting, odd queries and headers.
/// The same seed gives the same requests.
/// </summary>
internal sealed class HostileHttpRequests(int seed, string authorization)
{
    private static readonly string[] Methods =
        ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "TRACE", "FAKEMETHOD", "get", "PROPFIND", "M-SEARCH", "PATCH2", "X"];

    private static readonly string[] Ids = ["1", "2", "3", "999", "0", "-1", "Administrator", "IEL", "%00", "%ff", "..", "%2e%2e", "a%2Fb", "1.bak", "\u00e9"];

    private static readonly string[] Queries =
        ["", "?$expand=.", "?$expand=*($levels=9)", "?$select=Id,Name", "?$select=", "?only", "?only=foo", "?$top=1", "?$filter=x", "?%ff=1", "?$expand=%00", "?a=b&a=c"];

    private static readonly string[] Names =
    [
        "HostName", "Oem", "Hpe", "Port", "HTTP", "SSH", "IPMI", "TimeZone", "Name", "StaticNTPServers", "IndicatorLED", "PowerRestorePolicy",
        "PowerAutoOn", "SecurityState", "SessionTimeout", "ResetType", "Action", "LicenseKey", "RoleId", "UserName", "CustomBackupandRestore",
        "ReadCommunities", "VLAN", "DHCPv4", "@odata.id", "@odata.etag", "Fuzz",
    ];

    private static readonly string[] HostileValues =
    [
        "\"fz\\ud800x\"", "\"\\udc00\"", "\"\\ud800\\ud800\"", "\"a\\u0000b\"", "1e400", "-0", "99999999999999999999999", "null", "[]", "{}",
        "\"On\"", "\"Lit\"", "\"ForceRestart\"", "\"" + new string('x', 5000) + "\"", "true", "\"../../etc/passwd\"",
    ];

    private readonly Random _random = new(seed);
    private readonly RedfishRoute[] _routes = AllRoutes();

    public static RedfishRoute[] AllRoutes()
    {
        var table = new RedfishRoutes(null, _ => _ => Task.CompletedTask);
        EmulatorRoutes.Map(table);
        return [.. table.Routes];
    }

    /// <summary>
    /// The next request's bytes, a line describing it (for a report), and whether it is complete (an
    /// incomplete one announces more body than it sends: the server rightly waits for the rest).
    /// </summary>
    public (byte[] Bytes, string What, bool Complete) Next()
    {
        var route = _routes[_random.Next(_routes.Length)];
        var method = _random.Next(3) == 0 ? Pick(Methods) : route.Method;
        var path = FillTemplate(route.Template) + (_random.Next(2) == 0 ? "/" : "") + (_random.Next(4) == 0 ? Pick(Queries) : "");
        var body = Body(route);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        switch (_random.Next(10))
        {
            case 0:
                break;
            case 1:
                head.Append("Authorization: Basic !!!not-base64\r\nX-Auth-Token: ").Append(_random.Next()).Append("\r\n");
                break;
            default:
                head.Append("Authorization: ").Append(authorization).Append("\r\n");
                break;
        }

        head.Append("Content-Type: ").Append(_random.Next(6) switch
        {
            0 => "multipart/form-data; boundary=zz",
            1 => "text/plain",
            2 => "application/json; charset=latin1",
            _ => "application/json",
        }).Append("\r\n");
        if (_random.Next(8) == 0)
        {
            head.Append("OData-Version: ").Append(Pick(["4.0", "4.1", "x"])).Append("\r\n");
        }

        if (_random.Next(8) == 0)
        {
            head.Append("If-Match: ").Append(Pick(["*", "W/\"0\"", "\"\"", "garbage"])).Append("\r\n");
        }

        var (framing, payload, complete) = Frame(body);
        head.Append(framing).Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString()).Concat(payload).ToArray();
        return (bytes, $"{method} {path} [{framing.Replace("\r\n", "; ", StringComparison.Ordinal)}] {Printable(body)}", complete);
    }

    private string FillTemplate(string template)
    {
        var path = template;
        while (path.IndexOf('{', StringComparison.Ordinal) is >= 0 and var start)
        {
            var end = path.IndexOf('}', start);
            path = path[..start] + Pick(Ids) + path[(end + 1)..];
        }

        return path;
    }

    /// <summary>Hostile JSON, mostly: invalid UTF-8, escaped lone surrogates, deep nesting, huge numbers.</summary>
    private byte[] Body(RedfishRoute route)
    {
        var name = Pick(Names);
        return _random.Next(12) switch
        {
            0 => [],
            1 => [.. "{\""u8, .. Encoding.UTF8.GetBytes(name), 0xE9, .. "\":1}"u8],
            2 => [.. "{\""u8, .. Encoding.UTF8.GetBytes(name), .. "\":\"fz"u8, 0xFF, 0xFE, .. "x\"}"u8],
            3 => Encoding.UTF8.GetBytes($"{{\"{name}\":{Pick(HostileValues)}}}"),
            4 => Encoding.UTF8.GetBytes($"{{\"\\ud800{name}\":1}}"),
            5 => Encoding.UTF8.GetBytes(new string('[', 40 + _random.Next(100)) + new string(']', 40)),
            6 => Encoding.UTF8.GetBytes($"{{\"{name}\":1,\"{name}\":2}}"),
            7 => [0xC0, 0x80, .. "{}"u8],
            8 => Encoding.UTF8.GetBytes($"{{\"Oem\":{{\"Hpe\":{{\"{name}\":{Pick(HostileValues)}}}}}}}"),
            9 => Encoding.UTF8.GetBytes("--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bak\"\r\n\r\n\x89ILOBAK\n\r\n--zz--\r\n"),
            10 => RandomBytes(1 + _random.Next(64)),
            _ => Encoding.UTF8.GetBytes($"{{\"{name}\":\"{(route.IsJson ? "v" : "w")}{_random.Next()}\"}}"),
        };
    }

    /// <summary>How the body travels: none, exact or lying Content-Length, good or broken chunking.</summary>
    private (string Headers, byte[] Payload, bool Complete) Frame(byte[] body)
    {
        string Hex(int n) => n.ToString("x", CultureInfo.InvariantCulture);
        return _random.Next(10) switch
        {
            0 => ("", [], true),
            1 => ($"Content-Length: {body.Length + 1 + _random.Next(100)}\r\n", body, false),
            2 => ("Content-Length: -1\r\n", body, true),
            3 => ("Content-Length: 99999999999999999999\r\n", body, true),
            4 => ("Transfer-Encoding: chunked\r\n", [.. Encoding.ASCII.GetBytes(Hex(body.Length) + "\r\n"), .. body, .. "\r\n0\r\n\r\n"u8], true),
            5 => ("Transfer-Encoding: chunked\r\n", [.. Encoding.ASCII.GetBytes(new string('1', 100) + "\r\n"), .. body], true),
            6 => ("Transfer-Encoding: chunked\r\n", [.. "zz\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8], true),
            7 => ("Transfer-Encoding: chunked\r\n", [.. Encoding.ASCII.GetBytes(Hex(body.Length + 50) + "\r\n"), .. body], false),
            8 => ($"Transfer-Encoding: chunked\r\nContent-Length: {body.Length}\r\n", body, true),
            _ => ($"Content-Length: {body.Length}\r\n", body, true),
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static string Printable(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 80));
        return new string([.. text.Select(c => char.IsControl(c) ? '.' : c)]);
    }
}

using System.Text.Json.Nodes;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>The hostile iLO's links rewritten to point at another host (issue 11, item 5).</summary>
internal static class HostileLinks
{
    public static readonly string[] All = ["BackupFileLocation", "Links.Sessions", "Location", "HttpPushUri", "Managers", "Systems", "BackupRestoreService"];

    /// <summary>Points the named link of iLO 0 at <paramref name="other"/> as <c>//host:port/path</c> (a network-path reference).</summary>
    public static IDisposable Attack(HostileIlo ilo, OtherHost other, string link)
    {
        var prefix = "//" + other.Authority;
        return link switch
        {
            "BackupFileLocation" or "HttpPushUri" => ilo.RewriteBackupService(0, json => json[link] = prefix + (string?)json[link]),
            "Links.Sessions" => ilo.RewriteJson(0, IsRoot, json => Prefix(json["Links"]!["Sessions"], prefix)),
            "Managers" or "Systems" => ilo.RewriteJson(0, IsRoot, json => Prefix(json[link], prefix)),
            "BackupRestoreService" => ilo.RewriteJson(0, p => p.StartsWith("/redfish/v1/Managers", StringComparison.OrdinalIgnoreCase)
                && !p.Contains("BackupRestore", StringComparison.OrdinalIgnoreCase), json => PrefixNamed(json, link, prefix)),
            "Location" => ilo.Fleet.Overrides.Add(0, "POST", "/redfish/v1/SessionService/Sessions", async (context, _, next) =>
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                await next(context);
                context.Response.Body = original;
                if (context.Response.Headers.Location.ToString() is { Length: > 0 } location)
                {
                    context.Response.Headers.Location = prefix + new Uri(location, UriKind.RelativeOrAbsolute).PathOf();
                }

                await original.WriteAsync(buffer.ToArray());
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(link)),
        };
    }

    /// <summary>Every link at once.</summary>
    public static IDisposable AttackAll(HostileIlo ilo, OtherHost other) => new Group(All.Select(l => Attack(ilo, other, l)).ToArray());

    private static string PathOf(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;

    private static bool IsRoot(string path) => path.TrimEnd('/').Equals("/redfish/v1", StringComparison.OrdinalIgnoreCase);

    private static void Prefix(JsonNode? link, string prefix) => link!["@odata.id"] = prefix + (string?)link["@odata.id"];

    private static void PrefixNamed(JsonNode? node, string name, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == name && value is JsonObject { } link && link.ContainsKey("@odata.id"))
                    {
                        Prefix(link, prefix);
                    }
                    else
                    {
                        PrefixNamed(value, name, prefix);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    PrefixNamed(item, name, prefix);
                }

                break;
        }
    }

    private sealed class Group(IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}

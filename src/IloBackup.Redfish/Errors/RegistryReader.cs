using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Json;

namespace IloBackup.Redfish.Errors;

/// <summary>
/// Reads one message registry from an iLO, as untrusted input: the <c>/redfish/v1/Registries/</c>
/// collection, then at most <see cref="MaxFilesExamined"/> of its <c>MessageRegistryFile</c>
/// members (those whose id names the prefix first) until one's <c>Registry</c> (or <c>Id</c>) has
/// the wanted prefix and major version, then the one registry its <c>Location[].Uri</c> names
/// (never <c>PublicationUri</c>). Every link goes through <see cref="RedfishEndpoint.Resolve"/>
/// (a path on the iLO's own address), every answer through the client's JSON size limit; texts are
/// cleaned and cut to <see cref="MaxTextLength"/>, at most <see cref="MaxMessages"/> are kept.
/// Never retried: a failure is the caller's to cache. See docs/client.md, "Message registries".
/// </summary>
internal sealed class RegistryReader(RedfishEndpoint endpoint, HttpMessageInvoker invoker, int maxJsonBytes)
{
    public const string CollectionPath = "/redfish/v1/Registries/";

    /// <summary>Registry files read (GET) to find one registry.</summary>
    public const int MaxFilesExamined = 4;

    /// <summary>Collection members looked at (a real iLO lists about twenty).</summary>
    public const int MaxMembers = 256;

    /// <summary>Messages kept of one registry (DMTF's Base has about 150, iLO's a few hundred).</summary>
    public const int MaxMessages = 2000;

    /// <summary>The longest message text kept; a longer one is cut.</summary>
    public const int MaxTextLength = 300;

    /// <summary>
    /// The texts of registry <paramref name="name"/> (<c>Base.1.12</c>: prefix, major, minor), keyed
    /// <c>Prefix.Key</c> as <see cref="MessageTexts"/> looks them up. Throws (a
    /// <see cref="RedfishException"/>, I/O, JSON or cancellation) when any step fails.
    /// </summary>
    public async Task<Dictionary<string, string>> ReadAsync(string name, string token, CancellationToken cancellationToken)
    {
        var prefix = name[..name.IndexOf('.', StringComparison.Ordinal)];
        var major = name.Split('.')[1];
        var collection = await GetAsync(CollectionPath, token, cancellationToken).ConfigureAwait(false);
        var members = (RedfishJson.At(collection, "Members") as JsonArray ?? []).Take(MaxMembers).OfType<JsonObject>().ToList();
        var ordered = members.Where(m => NamesPrefix(RedfishJson.Link(m), prefix)).Concat(members.Where(m => !NamesPrefix(RedfishJson.Link(m), prefix)));
        var examined = 0;
        foreach (var member in ordered)
        {
            // A collection answered with $expand (or by a service that always expands) holds the files inline.
            var file = RedfishJson.At(member, "Location") is JsonArray ? member : null;
            if (file is null)
            {
                var link = RedfishJson.Link(member);
                if (link is null || examined >= MaxFilesExamined)
                {
                    continue;
                }

                examined++;
                file = await GetAsync(link, token, cancellationToken).ConfigureAwait(false);
            }

            if (!IsRegistry(RedfishJson.String(file, "Registry") ?? RedfishJson.String(file, "Id"), prefix, major))
            {
                continue;
            }

            var uri = Location(file) ?? throw new RedfishProtocolException($"{endpoint}: the registry file of {name} names no Location Uri");
            var registry = await GetAsync(uri, token, cancellationToken).ConfigureAwait(false);
            return Texts(registry, prefix, name);
        }

        throw new RedfishProtocolException($"{endpoint}: no registry file for {name} among the first {MaxFilesExamined} examined");
    }

    private Dictionary<string, string> Texts(JsonObject registry, string prefix, string name)
    {
        var served = RedfishJson.String(registry, "RegistryPrefix");
        if (served is not null && !string.Equals(served, prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new RedfishProtocolException($"{endpoint}: the registry served for {name} is another one");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RedfishJson.At(registry, "Messages") is not JsonObject messages)
        {
            return texts;
        }

        foreach (var (key, entry) in messages.Take(MaxMessages))
        {
            if (key.Length is > 0 and <= 100 && RedfishJson.String(entry, "Message") is { } text && UntrustedText.Clean(text)!.Trim() is { Length: > 0 } clean)
            {
                texts[prefix + "." + key] = clean.Length > MaxTextLength ? clean[..MaxTextLength] + "..." : clean;
            }
        }

        return texts;
    }

    /// <summary><c>/redfish/v1/Registries/Base</c>, <c>.../Base.1.12.0/</c>, <c>.../Base.v1_12_0</c> name <c>Base</c>; <c>.../BaseEvents</c> does not.</summary>
    private static bool NamesPrefix(string? link, string prefix)
    {
        var last = link?.TrimEnd('/').Split('/')[^1] ?? string.Empty;
        return last.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (last.Length == prefix.Length || last[prefix.Length] == '.');
    }

    /// <summary><c>Base.1.12</c> or <c>Base.1.12.0</c> for prefix <c>Base</c> and major <c>1</c>: the texts of one major version keep their meaning and arguments.</summary>
    private static bool IsRegistry(string? registry, string prefix, string major)
    {
        var parts = registry?.Split('.') ?? [];
        return parts.Length >= 2 && string.Equals(parts[0], prefix, StringComparison.OrdinalIgnoreCase) && parts[1] == major;
    }

    /// <summary>The local <c>Uri</c> of the English location, else of the first location that has one.</summary>
    private static string? Location(JsonObject file)
    {
        var locations = (RedfishJson.At(file, "Location") as JsonArray ?? []).OfType<JsonObject>().Take(16).ToList();
        return locations.Where(l => string.Equals(RedfishJson.String(l, "Language"), "en", StringComparison.OrdinalIgnoreCase))
            .Concat(locations).Select(l => RedfishJson.String(l, "Uri")).FirstOrDefault(u => !string.IsNullOrEmpty(u));
    }

    private async Task<JsonObject> GetAsync(string link, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Resolve(link));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var what = $"{endpoint}: GET {request.RequestUri!.AbsolutePath}";
        if (!response.IsSuccessStatusCode)
        {
            throw new RedfishProtocolException($"{what}: HTTP {(int)response.StatusCode}");
        }

        return await JsonBody.ReadObjectAsync(what, response, maxJsonBytes, cancellationToken).ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Identity;

/// <summary>
/// Reads an iLO's identity: the server's serial number, model and SKU (product id) from the
/// first system; the iLO generation and firmware from the service root's <c>Oem.Hpe.Manager</c>
/// (§1), else from the manager resource.
/// </summary>
public static partial class IloIdentityReader
{
    public static async Task<IloIdentity> ReadAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var root = session.ServiceRoot;
        var generation = FirstManagerItem(root, "ManagerType")
            ?? RedfishJson.String(root, "Oem", "Hpe", "Moniker", "PRODGEN");
        var firmware = FirstManagerItem(root, "ManagerFirmwareVersion");
        if (generation is null || firmware is null)
        {
            var manager = await session.GetAsync(await IloDiscovery.FindManagerAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            generation ??= RedfishJson.String(manager, "Model");
            firmware ??= ParseFirmware(RedfishJson.String(manager, "FirmwareVersion"));
        }

        string? serial = null, model = null, sku = null;
        var body = await IloDiscovery.GetSystemAsync(session, cancellationToken).ConfigureAwait(false);
        if (body is not null)
        {
            serial = RedfishJson.String(body, "SerialNumber");
            model = RedfishJson.String(body, "Model");
            sku = RedfishJson.String(body, "SKU");
        }

        if (serial is null || sku is null)
        {
            // The chassis carries the same serial number and part number on HPE servers.
            var chassis = await FirstMemberAsync(session, "Chassis", cancellationToken).ConfigureAwait(false);
            serial ??= RedfishJson.String(chassis, "SerialNumber");
            sku ??= RedfishJson.String(chassis, "SKU") ?? RedfishJson.String(chassis, "PartNumber");
            model ??= RedfishJson.String(chassis, "Model");
        }

        if (serial?.Contains('\0', StringComparison.Ordinal) == true)
        {
            throw new RedfishProtocolException(
                $"{session.Endpoint}: the iLO reports a serial number with a NUL character in it, which cannot name a server or a file; nothing was backed up");
        }

        return new IloIdentity(
            Clean(serial),
            Clean(model) ?? Clean(RedfishJson.String(root, "Product")),
            Clean(sku),
            Clean(generation),
            Clean(firmware));
    }

    private static async Task<System.Text.Json.Nodes.JsonObject?> FirstMemberAsync(RedfishSession session, string collection, CancellationToken cancellationToken)
    {
        var path = RedfishJson.Link(session.ServiceRoot, collection);
        if (path is null)
        {
            return null;
        }

        try
        {
            var member = RedfishJson.Members(await session.GetAsync(path, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            return member is null ? null : await session.GetAsync(member, cancellationToken).ConfigureAwait(false);
        }
        catch (RedfishHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>"iLO 5 v2.78"</c> → <c>"2.78"</c>.</summary>
    internal static string? ParseFirmware(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var match = VersionPattern().Match(text);
        return match.Success ? match.Groups[1].Value : text;
    }

    /// <summary>The iLO generation as a number (<c>"iLO 5"</c> → 5), or null.</summary>
    public static int? GenerationNumber(string? generation)
    {
        var match = generation is null ? Match.Empty : GenerationPattern().Match(generation);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string? FirstManagerItem(System.Text.Json.Nodes.JsonObject root, string name) =>
        RedfishJson.At(root, "Oem", "Hpe", "Manager") is System.Text.Json.Nodes.JsonArray { Count: > 0 } list
            ? RedfishJson.String(list[0], name)
            : null;

    /// <summary>Escape sequences and control characters removed (the iLO's text is printed and stored), trimmed; null when nothing is left.</summary>
    private static string? Clean(string? value) => UntrustedText.Clean(value)?.Trim() is { Length: > 0 } clean ? clean : null;

    [GeneratedRegex(@"v?(\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"iLO\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenerationPattern();
}

using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Redfish.Json;

namespace IloBackup.Engine.Metadata;

/// <summary>
/// What ilobackup records beside a backup file (<c>&lt;file&gt;.json</c>): the client never parses a
/// <c>.bak</c> (the format is the iLO's and opaque), so this is all it knows about the file.
/// </summary>
public sealed record BackupMetadata
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The iLO's own file name (<c>HPE_&lt;serial&gt;_&lt;date&gt;_&lt;time&gt;.bak</c>).</summary>
    public required string FileName { get; init; }

    /// <summary>Where the backup was taken from (host or URL as given).</summary>
    public string? Host { get; init; }

    /// <summary>The server and iLO the file is of.</summary>
    public IloIdentity Identity { get; init; } = IloIdentity.Unknown;

    public required DateTimeOffset CreatedUtc { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }

    public bool PasswordProtected { get; init; }

    /// <summary>The readable snapshot taken with the backup, or null with <c>--no-snapshot</c>.</summary>
    public JsonObject? Snapshot { get; init; }

    /// <summary>The tool that wrote it (<c>ilobackup/0.1.0</c>).</summary>
    public string? Tool { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["fileName"] = FileName,
            ["host"] = Host,
            ["serialNumber"] = Identity.SerialNumber,
            ["productName"] = Identity.ProductName,
            ["productId"] = Identity.ProductId,
            ["iloGeneration"] = Identity.IloGeneration,
            ["firmwareVersion"] = Identity.FirmwareVersion,
            ["createdUtc"] = CreatedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["sizeBytes"] = SizeBytes,
            ["sha256"] = Sha256,
            ["passwordProtected"] = PasswordProtected,
            ["tool"] = Tool,
            ["snapshot"] = Snapshot?.DeepClone(),
        };
        return json;
    }

    /// <summary>Reads the JSON form; throws <see cref="FormatException"/> when a required field is missing.</summary>
    public static BackupMetadata FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var created = RedfishJson.String(json, "createdUtc");
        return new BackupMetadata
        {
            FormatVersion = (int)(RedfishJson.Int64(json, "formatVersion") ?? CurrentFormatVersion),
            FileName = RedfishJson.String(json, "fileName") ?? throw new FormatException("metadata without fileName"),
            Host = RedfishJson.String(json, "host"),
            Identity = new IloIdentity(
                RedfishJson.String(json, "serialNumber"),
                RedfishJson.String(json, "productName"),
                RedfishJson.String(json, "productId"),
                RedfishJson.String(json, "iloGeneration"),
                RedfishJson.String(json, "firmwareVersion")),
            CreatedUtc = created is null
                ? throw new FormatException("metadata without createdUtc")
                : DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            SizeBytes = RedfishJson.Int64(json, "sizeBytes") ?? throw new FormatException("metadata without sizeBytes"),
            Sha256 = RedfishJson.String(json, "sha256") ?? throw new FormatException("metadata without sha256"),
            PasswordProtected = RedfishJson.Boolean(json, "passwordProtected") ?? false,
            Tool = RedfishJson.String(json, "tool"),
            Snapshot = RedfishJson.At(json, "snapshot") as JsonObject is { } snapshot ? (JsonObject)snapshot.DeepClone() : null,
        };
    }
}

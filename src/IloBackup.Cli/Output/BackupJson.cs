using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Cli.Output;

/// <summary>
/// The one JSON vocabulary of every verb's <c>--json</c> (docs/json-output.md): <c>serialNumber</c>,
/// <c>productName</c>, <c>productId</c>, <c>generation</c>, <c>firmwareVersion</c>, <c>takenAt</c>,
/// <c>sha256</c>, <c>sizeBytes</c>. The metadata file beside a backup keeps its own stored format.
/// </summary>
internal static class BackupJson
{
    public static JsonObject Identity(IloIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new JsonObject
        {
            ["serialNumber"] = identity.SerialNumber,
            ["productName"] = identity.ProductName,
            ["productId"] = identity.ProductId,
            ["generation"] = identity.IloGeneration,
            ["firmwareVersion"] = identity.FirmwareVersion,
        };
    }

    /// <summary>A backup file's facts from its metadata, in the shared vocabulary (no snapshot: callers add it).</summary>
    public static JsonObject FromMetadata(BackupMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var node = Identity(metadata.Identity);
        node["fileName"] = metadata.FileName;
        node["host"] = metadata.Host;
        node["takenAt"] = metadata.CreatedUtc.ToUniversalTime();
        node["sha256"] = metadata.Sha256;
        node["sizeBytes"] = metadata.SizeBytes;
        node["passwordProtected"] = metadata.PasswordProtected;
        node["tool"] = metadata.Tool;
        return node;
    }
}

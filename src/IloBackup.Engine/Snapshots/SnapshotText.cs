using System.Text.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Engine.Snapshots;

/// <summary>
/// Parses JSON text the repository stored (catalog snapshots, sidecar metadata), which may have
/// been damaged or written by someone else. A duplicate property is a <see cref="JsonException"/>
/// here: left to <see cref="JsonNode"/>, it becomes an <see cref="ArgumentException"/> thrown
/// later, wherever the object is first read (found by fuzzing, issue 6).
/// </summary>
public static class SnapshotText
{
    public static JsonDocumentOptions DocumentOptions { get; } = new() { AllowDuplicateProperties = false };

    /// <summary>The parsed node (null for the text <c>null</c>); throws <see cref="JsonException"/> on anything invalid.</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: DocumentOptions);
}

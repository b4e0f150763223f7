namespace IloBackup.Emulator.Schemas;

/// <summary>One property of a JSON schema served in the SchemaStore: what <c>ilorest info</c> prints and <c>ilorest set</c> checks.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Type">JSON schema type (<c>string</c>, <c>boolean</c>, <c>integer</c>, <c>object</c>, <c>array</c>).</param>
/// <param name="Description">HPE's description of the property (the API's own text where known).</param>
/// <param name="ReadOnly">False only for properties a PATCH may change.</param>
/// <param name="Format">JSON schema format, if any (<c>uri-reference</c>, <c>date-time</c>).</param>
public sealed record SchemaProperty(string Name, string Type, string Description, bool ReadOnly = true, string? Format = null);

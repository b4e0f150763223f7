namespace IloBackup.Engine.Repository;

/// <summary>What an object or record name looks like, for every store: 64 and 32 lower-case hex characters.</summary>
public static class ObjectNames
{
    public static bool IsHash(string value) => IsHex(value, 64);

    public static bool IsRecordId(string value) => IsHex(value, 32);

    /// <summary>Throws unless <paramref name="name"/> is an object name (no path or key can be smuggled in).</summary>
    public static string Check(string name) =>
        IsHash(name) ? name : throw new ArgumentException($"'{name}' is not an object name (SHA-256 in lower-case hex)", nameof(name));

    public static string CheckRecord(string recordId) =>
        IsRecordId(recordId) ? recordId : throw new ArgumentException($"'{recordId}' is not a record id", nameof(recordId));

    /// <summary>Splits a record's file or key name <c>&lt;name&gt;.&lt;record id&gt;.json</c>; null when it is not one.</summary>
    public static StoredRecordKey? ParseRecord(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length == 3 && parts[2] == "json" && IsHash(parts[0]) && IsRecordId(parts[1]) ? new StoredRecordKey(parts[0], parts[1]) : null;
    }

    /// <summary>A record's file or key name beside its object.</summary>
    public static string RecordFileName(string name, string recordId) => $"{Check(name)}.{CheckRecord(recordId)}.json";

    private static bool IsHex(string value, int length) =>
        value.Length == length && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

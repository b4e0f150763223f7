namespace IloBackup.Engine.Inventory;

internal static class InventoryTags
{
    private static readonly char[] Separators = [';', ' ', '|', ','];

    /// <summary>Splits a tag cell (<c>rack1;prod</c>, <c>rack1 prod</c> or <c>[rack1, prod]</c>).</summary>
    public static IEnumerable<string> Split(string value) =>
        value.Trim().TrimStart('[').TrimEnd(']')
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

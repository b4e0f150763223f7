namespace IloBackup.Engine.Inventory;

/// <summary>An inventory file that cannot be read; the message names the file and line.</summary>
public sealed class InventoryFormatException : Exception
{
    public InventoryFormatException()
    {
    }

    public InventoryFormatException(string message)
        : base(message)
    {
    }

    public InventoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InventoryFormatException(string source, int line, string problem)
        : base(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public int Line { get; }
}

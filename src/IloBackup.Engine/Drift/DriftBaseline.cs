namespace IloBackup.Engine.Drift;

/// <summary>
/// One baseline of a baseline file: <c>default</c> or a tag's. Its expected values by setting name (<see cref="DriftSettingTable"/>),
/// and/or <see cref="SameAs"/>: a backup whose snapshot supplies every value not written out.
/// </summary>
public sealed record DriftBaseline
{
    /// <summary><c>default</c>, or <c>tag NAME</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The tag it applies to; null for the default baseline.</summary>
    public string? Tag { get; init; }

    /// <summary>The id of a backup to compare with (<c>same-as: 42</c>).</summary>
    public long? SameAs { get; init; }

    /// <summary>The values written in the file, by setting name (they win over those of <see cref="SameAs"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Expected { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Where it is declared in its file.</summary>
    public int Line { get; init; }

    /// <summary>Where its <c>same-as</c> is written (its own line without one).</summary>
    public int SameAsLine { get; init; }
}

namespace IloBackup.Engine.Drift;

/// <summary>
/// A baseline file (docs/drift.md): a <c>default</c> baseline and one per inventory tag. A server is held against the
/// baselines of all its tags that have one (in the file's order); against <c>default</c> when none of its tags has one.
/// </summary>
public sealed record DriftBaselineFile
{
    public required string Source { get; init; }
    public DriftBaseline? Default { get; init; }

    /// <summary>The tags' baselines in the file's order.</summary>
    public IReadOnlyList<DriftBaseline> Tags { get; init; } = [];

    /// <summary>The baselines that apply to a server with these tags.</summary>
    public IReadOnlyList<DriftBaseline> For(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var matching = Tags.Where(b => tags.Contains(b.Tag!, StringComparer.OrdinalIgnoreCase)).ToList();
        return matching.Count > 0 ? matching : Default is { } d ? [d] : [];
    }

    /// <summary>Reads a baseline file; <see cref="DriftBaselineException"/> names the file and line of what is wrong.</summary>
    public static async Task<DriftBaselineFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DriftBaselineException(path, 0, ex.Message);
        }

        return DriftBaselineReader.Read(text, path);
    }

    public static DriftBaselineFile Parse(string text, string source) => DriftBaselineReader.Read(text, source);
}

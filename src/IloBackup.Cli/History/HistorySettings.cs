using IloBackup.Cli.Repository;

namespace IloBackup.Cli.History;

/// <summary>The settings step of <c>ilobackup history</c>: checked by <see cref="Validate"/> before the repository is opened.</summary>
internal sealed record HistorySettings
{
    public required RepoSettings Repo { get; init; }
    public string? Serial { get; init; }
    public int? Limit { get; init; }

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public HistorySettings Validate() => Limit is < 1 ? throw new CliUsageException("--limit must be at least 1") : this;
}

using IloBackup.Cli.Repository;

namespace IloBackup.Cli.Show;

/// <summary>The settings step of <c>ilobackup show ID</c>: the id is checked by <see cref="Validate"/> before the repository is opened.</summary>
internal sealed record ShowSettings
{
    public required RepoSettings Repo { get; init; }
    public required string Id { get; init; }

    /// <summary>The backup's id (checked by <see cref="Validate"/>).</summary>
    public long BackupId => RepoCli.ParseId(Id);

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public ShowSettings Validate()
    {
        _ = BackupId;
        return this;
    }
}

using IloBackup.Cli.Connection;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Prune;

/// <summary>The settings step of <c>ilobackup prune</c>: the policy is built and checked by <see cref="Validate"/> before the repository is opened.</summary>
internal sealed record PruneSettings
{
    public required RepoSettings Repo { get; init; }
    public int? KeepLast { get; init; }
    public string? KeepWithin { get; init; }
    public bool Orphans { get; init; }
    public string? Grace { get; init; }
    public bool DryRun { get; init; }

    /// <summary>The retention policy (checked by <see cref="Validate"/>).</summary>
    public PrunePolicy Policy => new(
        KeepLast,
        KeepWithin is { } within ? DurationText.Parse(within, "--keep-within", TimeSpan.FromDays(1), allowZero: true) : null)
    {
        RemoveOrphans = Orphans,
        OrphanGrace = Grace is { } text ? DurationText.Parse(text, "--grace", TimeSpan.FromDays(1), allowZero: true) : PrunePolicy.DefaultOrphanGrace,
    };

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public PruneSettings Validate()
    {
        if (Grace is not null && !Orphans)
        {
            throw new CliUsageException("--grace goes with --orphans");
        }

        try
        {
            Policy.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }

        return this;
    }
}

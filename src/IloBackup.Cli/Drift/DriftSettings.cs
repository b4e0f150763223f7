using IloBackup.Cli.Repository;

namespace IloBackup.Cli.Drift;

/// <summary>The settings step of <c>ilobackup drift</c>: checked by <see cref="Validate"/> before any file is read or the repository opened.</summary>
internal sealed record DriftSettings
{
    public required RepoSettings Repo { get; init; }
    public required string Baseline { get; init; }
    public string? Inventory { get; init; }

    /// <summary>Refuses (exit 2) a baseline or inventory that does not exist; reads nothing.</summary>
    public DriftSettings Validate()
    {
        if (!File.Exists(Baseline))
        {
            throw new CliUsageException($"--baseline: no such file: {Baseline}");
        }

        if (Inventory is not null && !File.Exists(Inventory))
        {
            throw new CliUsageException($"--inventory: no such file: {Inventory}");
        }

        return this;
    }
}

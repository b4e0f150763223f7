namespace IloBackup.Cli.Repo;

/// <summary>The settings step of <c>ilobackup repo migrate</c>: both ends named, and not the same path; touches nothing.</summary>
internal sealed record MigrateSettings
{
    public string? From { get; init; }
    public string? To { get; init; }
    public bool Json { get; init; }

    public MigrateSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(To))
        {
            throw new CliUsageException("repo migrate needs --from (the repository to copy) and --to (where to copy it)");
        }

        return string.Equals(Full(From), Full(To), StringComparison.Ordinal)
            ? throw new CliUsageException($"--from and --to both name {Full(From)}: a migration copies into another repository")
            : this;
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}

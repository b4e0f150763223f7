namespace IloBackup.Engine.Repository;

/// <summary>Where the repository is: <c>--repo DIR</c>, else <c>$ILOBACKUP_REPO</c>, else <c>./ilobackup-repo</c>.</summary>
public static class RepositoryLocation
{
    public const string EnvironmentVariable = "ILOBACKUP_REPO";
    public const string DefaultDirectory = "ilobackup-repo";

    public static string Resolve(string? option, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultDirectory;
        return Path.GetFullPath(chosen);
    }
}

using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Repository;

/// <summary>
/// The settings step the repository verbs share: <c>--repo</c> (else $ILOBACKUP_REPO, else the default
/// folder), <c>--json</c> and <c>--wait</c>, read without I/O; the repository is opened only after each
/// verb's own <c>Validate()</c>.
/// </summary>
internal sealed record RepoSettings
{
    public string? Repo { get; init; }
    public bool Json { get; init; }
    public bool Wait { get; init; }

    /// <summary>The repository's folder (resolving it touches no file).</summary>
    public string Directory => RepositoryLocation.Resolve(Repo);
}

namespace IloBackup.Serve.Tests;

internal static class TestPaths
{
    /// <summary>The folder holding IloBackup.slnx.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IloBackup.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (IloBackup.slnx) was not found");
    }

    /// <summary>Where tests leave artefacts for people (screenshots): $ILOBACKUP_TEST_ARTIFACTS, else artifacts/ of the repository (ignored by git).</summary>
    public static string Artifacts(string kind)
    {
        var root = Environment.GetEnvironmentVariable("ILOBACKUP_TEST_ARTIFACTS") is { Length: > 0 } configured ? configured : Path.Combine(RepositoryRoot(), "artifacts");
        var directory = Path.Combine(root, kind);
        Directory.CreateDirectory(directory);
        return directory;
    }
}

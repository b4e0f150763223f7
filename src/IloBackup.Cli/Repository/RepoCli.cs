using System.CommandLine;
using System.Globalization;
using IloBackup.Engine.Repository;
using Spectre.Console;

namespace IloBackup.Cli.Repository;

/// <summary>What every repository command shares: <c>--repo REPO</c> (a folder or a repository file), opening, and the console for tables.</summary>
internal static class RepoCli
{
    public static Option<string?> RepoOption() => new("--repo")
    {
        Description = $"The backup repository: a folder, or a repository file (docs/repository.md) (default: ${RepositoryLocation.EnvironmentVariable}, else ./{RepositoryLocation.DefaultDirectory})",
        HelpName = "REPO",
    };

    public static Option<bool> JsonOption() => Output.CommonOptions.Json();

    /// <summary>If another ilobackup is writing to the repository: wait for it (default: fail, naming it).</summary>
    public static Option<bool> WaitOption() => new("--wait")
    {
        Description = "If another ilobackup is writing to the repository, wait until it has finished (default: fail, naming it)",
    };

    /// <summary>Opens the repository; a writer never creates one (only verbs that store backups do: <see cref="OpenForWritingAsync"/>).</summary>
    public static Task<BackupRepository> OpenAsync(string? repo, bool readOnly, CancellationToken cancellationToken) =>
        OpenAsync(repo, new BackupRepositoryOptions { ReadOnly = readOnly, CreateIfMissing = false }, cancellationToken);

    /// <summary>Opens the repository for writing: <paramref name="create"/> for verbs that store backups; <paramref name="wait"/> for <c>--wait</c>.</summary>
    public static Task<BackupRepository> OpenForWritingAsync(string? repo, bool create, bool wait, CliConsole console, CancellationToken cancellationToken) =>
        OpenAsync(
            repo,
            new BackupRepositoryOptions
            {
                CreateIfMissing = create,
                LockWait = wait ? Timeout.InfiniteTimeSpan : null,
                OnLockWait = text => console.Error.WriteLine(text),
            },
            cancellationToken);

    /// <summary>
    /// Opens the repository for a backup writer that may run beside others (fleet backup, serve): the rows carry
    /// <paramref name="runner"/>, and a PostgreSQL catalog's writer lock is taken shared (issue 20).
    /// </summary>
    public static Task<BackupRepository> OpenForBackupAsync(string? repo, string? runner, bool wait, CliConsole console, CancellationToken cancellationToken) =>
        OpenAsync(
            repo,
            new BackupRepositoryOptions
            {
                CreateIfMissing = true,
                LockWait = wait ? Timeout.InfiniteTimeSpan : null,
                OnLockWait = text => console.Error.WriteLine(text),
                Runner = runner,
                SharedWriter = true,
            },
            cancellationToken);

    private static async Task<BackupRepository> OpenAsync(string? repo, BackupRepositoryOptions options, CancellationToken cancellationToken)
    {
        var directory = RepositoryLocation.Resolve(repo);
        try
        {
            return await BackupRepository.OpenAsync(directory, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new RepositoryException($"cannot open the catalog of {directory}: {ex.Message}", ex);
        }
    }

    /// <summary>A Spectre console on the command's output: colours and live displays only at a terminal.</summary>
    public static IAnsiConsole Ansi(CliConsole console)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console.IsInteractive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console.IsInteractive)
        {
            ansi.Profile.Width = 160;
        }

        return ansi;
    }

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Size(long? bytes) => bytes switch
    {
        null => "-",
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB"),
    };

    /// <summary>Parses a backup id as typed by a user (<c>12</c> or <c>#12</c>).</summary>
    public static long ParseId(string text) =>
        long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliUsageException($"'{text}' is not a backup id (see ilobackup history)");
}

using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;

namespace IloBackup.Cli.Restore;

/// <summary>
/// <c>restore HOST --repo REPO [--backup ID | --at TIME]</c>: instead of a file, the newest good backup
/// of the server the target reports (its serial number: the board-replacement case), read from the
/// repository's object with the entry's metadata so the restore's own pre-flight checks apply unchanged.
/// </summary>
internal sealed class RepositoryRestoreOptions
{
    public Option<string?> Repo { get; } = RepoCli.RepoOption();
    public Option<string?> Backup { get; } = new("--backup") { Description = "Restore this repository backup (see ilobackup history)", HelpName = "ID" };
    public Option<string?> At { get; } = new("--at") { Description = "The newest backup taken at or before this time (UTC unless an offset is given)", HelpName = "TIME" };

    public IEnumerable<Option> All => [Repo, Backup, At];

    /// <summary>Opens the repository read-only (it stays open until the upload has read the object).</summary>
    public Task<BackupRepository> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
        RepoCli.OpenAsync(parse.GetValue(Repo), readOnly: true, cancellationToken);

    /// <summary>The restore source: the object of <c>--backup</c>, else the newest good backup of the target's serial (at or before <c>--at</c>).</summary>
    public RepositoryRestoreSource Source(ParseResult parse, BackupRepository repository)
    {
        long? id = parse.GetValue(Backup) is { } text ? RepoCli.ParseId(text) : null;
        var at = parse.GetValue(At) is { } when ? ParseTime(when) : (DateTimeOffset?)null;
        return new RepositoryRestoreSource(repository, id, at);
    }

    public static string Describe(RestorePlan plan, BackupEntry entry, BackupRepository repository) =>
        $"{plan.Host} reports serial {plan.Target.SerialNumber}: backup {entry.Id} of {entry.Identity.SerialNumber} taken {RepoCli.Time(entry.TakenAt)} "
        + $"on firmware {entry.Identity.FirmwareVersion} from {repository.Location}";

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CliUsageException($"--at: '{text}' is not a time (e.g. 2026-11-20 or 2026-11-20T18:00Z)");
}

using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Redfish;

namespace IloBackup.Cli.Restore;

/// <summary>
/// <c>restore HOST --repo DIR [--backup ID | --at TIME]</c>: instead of a file, the newest good backup
/// of the server the target reports (its serial number: the board-replacement case), taken out of
/// the repository with its metadata so the restore's own pre-flight checks apply unchanged.
/// </summary>
internal sealed class RepositoryRestoreOptions
{
    public Option<string?> Repo { get; } = RepoCli.RepoOption();
    public Option<string?> Backup { get; } = new("--backup") { Description = "Restore this repository backup (see ilobackup history)", HelpName = "ID" };
    public Option<string?> At { get; } = new("--at") { Description = "The newest backup taken at or before this time (UTC unless an offset is given)", HelpName = "TIME" };

    public IEnumerable<Option> All => [Repo, Backup, At];

    /// <summary>True when FILE is absent: the backup comes from the repository.</summary>
    public bool Validate(ParseResult parse, string? file)
    {
        var any = parse.GetValue(Repo) is not null || parse.GetValue(Backup) is not null || parse.GetValue(At) is not null;
        if (file is not null && any)
        {
            throw new CliUsageException("give a backup FILE or --repo/--backup/--at, not both");
        }

        if (parse.GetValue(Backup) is not null && parse.GetValue(At) is not null)
        {
            throw new CliUsageException("give --backup or --at, not both");
        }

        return file is null;
    }

    /// <summary>
    /// Reads the target's serial, picks the backup and copies it with its metadata into a fresh temporary
    /// directory, removed when the result is disposed.
    /// </summary>
    public async Task<MaterializedBackup> MaterializeAsync(
        ParseResult parse, RedfishClient client, CliConsole console, bool json, CancellationToken cancellationToken)
    {
        long? id = parse.GetValue(Backup) is { } text ? RepoCli.ParseId(text) : null;
        var at = parse.GetValue(At) is { } when ? ParseTime(when) : (DateTimeOffset?)null;
        await using var repository = await RepoCli.OpenAsync(parse.GetValue(Repo), readOnly: true, cancellationToken).ConfigureAwait(false);
        IloIdentity target;
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            target = await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
        }

        var entry = await RepositoryRestoreSource.SelectAsync(repository, target.SerialNumber, id, at, cancellationToken).ConfigureAwait(false);
        var directory = System.IO.Directory.CreateTempSubdirectory("ilobackup-restore-").FullName;
        try
        {
            var file = await RepositoryRestoreSource.MaterializeAsync(repository, entry, directory, cancellationToken).ConfigureAwait(false);
            if (!json)
            {
                await console.Out.WriteLineAsync(
                    $"{client.Endpoint} reports serial {target.SerialNumber}: backup {entry.Id} of {entry.Identity.SerialNumber} taken {RepoCli.Time(entry.TakenAt)} "
                    + $"on firmware {entry.Identity.FirmwareVersion} from {repository.Directory}").ConfigureAwait(false);
            }

            return new MaterializedBackup(file, directory);
        }
        catch
        {
            ObjectStore.DeleteDirectory(directory);
            throw;
        }
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CliUsageException($"--at: '{text}' is not a time (e.g. 2026-11-20 or 2026-11-20T18:00Z)");
}

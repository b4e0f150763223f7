using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// The Backup and Restore model of one iLO (§3–§6): makes backup files in its NAND, serves them,
/// checks and applies restores, keeps the custom backup. Handlers only translate HTTP to these
/// calls. Get it with <see cref="Of"/>.
/// </summary>
public sealed partial class BackupRestoreFeature
{
    private readonly VirtualIlo _ilo;
    private readonly BackupRestoreOptions _options;

    private BackupRestoreFeature(VirtualIlo ilo, BackupRestoreOptions options)
    {
        _ilo = ilo;
        _options = options;
        ilo.ConfigurationReset += OnConfigurationReset;
        ilo.ConfigurationChanged += OnConfigurationChanged;
    }

    /// <summary>The iLO this model belongs to.</summary>
    public VirtualIlo Ilo => _ilo;

    public BackupRestoreOptions Options => _options;

    /// <summary>What the header of this iLO's backups says about it. No iLO board in it (§5: board replacement).</summary>
    public BackupOrigin Origin
    {
        get
        {
            var identity = _ilo.Identity;
            return new BackupOrigin(identity.ServerSerial, identity.ProductId, identity.ProductName, identity.Generation, identity.FirmwareVersion);
        }
    }

    /// <summary>The download files in the NAND, served under <c>/bkupdata/</c> (the newest only; the kept backup is <see cref="KeptBackups"/>).</summary>
    public IReadOnlyList<NandFile> BackupFiles => [.. _ilo.Nand.List().Where(f => BackupFileNames.IsBackupName(f.Name))];

    /// <summary>
    /// The model of <paramref name="ilo"/>. The fleet creates it when the iLO starts
    /// (<see cref="BackupRestoreRoutes.Initialize"/>, so it hears the resets from the first boot on);
    /// an iLO hosted otherwise gets one with default options on first use.
    /// </summary>
    public static BackupRestoreFeature Of(VirtualIlo ilo)
    {
        ArgumentNullException.ThrowIfNull(ilo);
        return ilo.GetFeature(i => new BackupRestoreFeature(i, new BackupRestoreOptions()));
    }

    internal static BackupRestoreFeature Attach(VirtualIlo ilo, BackupRestoreOptions options) =>
        ilo.GetFeature(i => new BackupRestoreFeature(i, options));

    /// <summary>
    /// Creates the backup file of the current configuration in the NAND, as a GET of the service
    /// does (§3): named after the time of the request, ready only after
    /// <see cref="BackupRestoreOptions.BackupDuration"/>. It replaces the previous download file
    /// and, with custom backup enabled, becomes the custom backup too (§6). It leaves the kept
    /// backup (<c>BackupFiles</c>) alone.
    /// </summary>
    public async Task<NandFile> CreateBackupAsync(CancellationToken cancellationToken)
    {
        var configuration = _ilo.Configuration;
        var name = BackupFileNames.For(_ilo.Identity.ServerSerial, _ilo.Clock);
        if (_options.BackupDuration > TimeSpan.Zero)
        {
            await Task.Delay(_options.BackupDuration, _ilo.Time, cancellationToken);
        }

        await WriteNandBackupAsync(name, configuration, _options.BackupPaddingBytes, cancellationToken);
        foreach (var old in BackupFiles.Where(f => f.Name != name))
        {
            _ilo.Nand.Delete(old.Name);
        }

        if (CustomBackupAndRestore)
        {
            await WriteNandBackupAsync(CustomBackupFile, configuration, padding: 0, cancellationToken);
        }

        return BackupFiles.FirstOrDefault(f => f.Name == name)
            ?? throw new IOException("The backup file vanished from the NAND right after it was written.");
    }

    /// <summary>The header of a backup file of the NAND, or null when there is no such file.</summary>
    public async Task<BackupFileHeader?> ReadBackupHeaderAsync(string name, CancellationToken cancellationToken)
    {
        if (!BackupFileNames.IsBackupName(name))
        {
            return null;
        }

        await using var stream = _ilo.Nand.OpenRead(name);
        return stream is null ? null : await BackupFileCodec.ReadHeaderAsync(stream, cancellationToken);
    }

    /// <summary>Opens a backup file of the NAND for download, or null when there is none by that name.</summary>
    public Stream? OpenBackup(string name) => BackupFileNames.IsBackupName(name) ? _ilo.Nand.OpenRead(name) : null;

    /// <summary>
    /// Streams backup <paramref name="source"/> to <paramref name="destination"/>: as stored, or,
    /// with a password, re-sealed under that password on the fly. Either way the length is the
    /// stored file's (the header is the same size and the payload the same).
    /// </summary>
    public async Task CopyBackupAsync(Stream source, string? password, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (string.IsNullOrEmpty(password))
        {
            await source.CopyToAsync(destination, cancellationToken);
            return;
        }

        await using var reader = await BackupFileCodec.OpenAsync(source, leaveOpen: true, cancellationToken: cancellationToken);
        var header = reader.Header;
        var options = new BackupFileWriteOptions
        {
            Password = password,
            ChunkSize = header.ChunkSize,
            PaddingLength = header.PaddingLength,
            PayloadType = header.PayloadType,
        };
        await using var writer = await BackupFileCodec.CreateAsync(destination, header.Origin, header.CreatedAt, options, leaveOpen: true, cancellationToken);
        await reader.CopyToAsync(writer, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Deletes a backup file of the NAND; false when there was none.</summary>
    public bool DeleteBackup(string name) => BackupFileNames.IsBackupName(name) && _ilo.Nand.Delete(name);

    private async Task WriteNandBackupAsync(string name, IloConfiguration configuration, long padding, CancellationToken cancellationToken)
    {
        await using var file = _ilo.Nand.Create(name);
        await using (var writer = await BackupFileCodec.CreateAsync(
            file.Stream,
            Origin,
            _ilo.Clock,
            new BackupFileWriteOptions { PaddingLength = padding, PayloadType = ConfigurationPayload.PayloadType },
            leaveOpen: true,
            cancellationToken))
        {
            await ConfigurationPayload.WriteAsync(writer, configuration, cancellationToken);
            await writer.CompleteAsync(cancellationToken);
        }

        file.Commit();
    }
}

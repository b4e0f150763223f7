using System.CommandLine;
using System.Globalization;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;

namespace IloBackup.Cli.Emulator;

/// <summary>
/// <c>ilobackup emulator</c>: starts one or many emulated iLOs in this process, prints one line
/// per iLO and then a <c>ready</c> line naming the control endpoint, and runs until Ctrl+C
/// (then exits 130 after a clean shutdown). See docs/emulator.md.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "First port: iLO k listens on PORT+k (0: free ports).", DefaultValueFactory = _ => 8443 };
        var count = new Option<int>("--count") { Description = "Number of iLOs.", DefaultValueFactory = _ => 1 };
        var generation = new Option<int>("--generation") { Description = "iLO generation: 5, 6 or 7.", DefaultValueFactory = _ => 5 };
        var firmware = new Option<string?>("--firmware") { Description = "Firmware version the iLOs report and follow (default 2.78 for iLO 5, 1.59 for iLO 6, 1.12.00 for iLO 7)." };
        var adminUser = new Option<string>("--admin-user") { Description = "Administrator account of every iLO.", DefaultValueFactory = _ => "Administrator" };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Its password (test data). Without it: kept from an earlier run, or random and printed once." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where configuration, certificates and NAND files persist (default ~/.local/state/ilobackup/emulator)." };
        var http = new Option<bool>("--http") { Description = "Plain HTTP instead of HTTPS." };
        var inventory = new Option<string?>("--inventory-out") { Description = "Write the fleet as a YAML inventory (URL, serial, fingerprint, password file, control URL)." };
        var latency = new Option<int>("--latency-ms") { Description = "Added to every answer, to imitate a real iLO.", DefaultValueFactory = _ => 0 };
        var controlPort = new Option<int>("--control-port") { Description = "Port of the scenario-control endpoint (0: a free port).", DefaultValueFactory = _ => 0 };
        var resetSeconds = new Option<double>("--reset-seconds") { Description = "How long an iLO stays unreachable after a reset.", DefaultValueFactory = _ => 60 };
        var backupSeconds = new Option<double>("--backup-seconds") { Description = "How long creating a backup file takes: the service GET answers once it exists.", DefaultValueFactory = _ => 0 };
        var backupPadding = new Option<long>("--backup-padding-bytes") { Description = "Authenticated filler added to every backup file, for large-file tests (raises the restore upload limit).", DefaultValueFactory = _ => 0 };
        var maxUpload = new Option<long>("--max-upload-bytes") { Description = "Largest restore upload accepted (default 4 MiB, plus any padding).", DefaultValueFactory = _ => BackupRestoreOptions.DefaultMaxUploadBytes };
        var internalBackupSeconds = new Option<double>("--internal-backup-seconds") { Description = "How long the internal backup of iLO 5 3.16+, iLO 6 1.71+ and iLO 7 takes after a configuration change; resets requested meanwhile wait (0: none).", DefaultValueFactory = _ => 5 };
        var autoRestoreSeconds = new Option<double>("--auto-restore-seconds") { Description = "How long some functions answer 503 after an automatic custom restore at boot.", DefaultValueFactory = _ => 120 };

        var faults = new Option<string[]>("--fault") { Description = "A fault, KIND[:share of the fleet] (repeatable): latency, slow-transfer, unavailable, transfer-reset, session-limit, login-refused, login-answer-lost, self-reset, hang, truncated-backup." };
        var profile = new Option<string?>("--profile") { Description = "A fault profile, JSON or YAML (.yaml/.yml): seed, latency, backup and reset times, faults per iLO or per share (docs/emulator.md, Faults)." };
        var faultSeed = new Option<int?>("--fault-seed") { Description = "Seed of the faults' random choices (default: the profile's, else 1)." };

        var command = new Command("emulator", "Start emulated HPE iLOs (Redfish, backup and restore) to test against.")
        {
            port, count, generation, firmware, adminUser, adminPassword, stateDir, http, inventory, latency, controlPort, resetSeconds,
            backupSeconds, backupPadding, maxUpload, autoRestoreSeconds, internalBackupSeconds, faults, profile, faultSeed,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            EmulatorFaultOptions.Apply(parse, faults, profile, faultSeed, latency, backupSeconds, resetSeconds, new EmulatorSettings
            {
                Port = parse.GetValue(port),
                Count = parse.GetValue(count),
                Generation = parse.GetValue(generation),
                Firmware = parse.GetValue(firmware),
                AdminUser = parse.GetValue(adminUser)!,
                AdminPassword = parse.GetValue(adminPassword),
                StateDirectory = parse.GetValue(stateDir) ?? EmulatorSettings.DefaultStateDirectory(),
                Http = parse.GetValue(http),
                InventoryOut = parse.GetValue(inventory),
                LatencyMs = parse.GetValue(latency),
                ControlPort = parse.GetValue(controlPort),
                ResetSeconds = parse.GetValue(resetSeconds),
                BackupRestore = new BackupRestoreOptions
                {
                    BackupDuration = Seconds(parse.GetValue(backupSeconds), "--backup-seconds"),
                    BackupPaddingBytes = parse.GetValue(backupPadding),
                    MaxUploadBytes = parse.GetValue(maxUpload),
                    AutoRestoreLimitedDuration = Seconds(parse.GetValue(autoRestoreSeconds), "--auto-restore-seconds"),
                    InternalBackupDuration = Seconds(parse.GetValue(internalBackupSeconds), "--internal-backup-seconds"),
                },
            }),
            console,
            onReady: null,
            cancellationToken));
        return command;
    }

    /// <summary>Runs the fleet until <paramref name="cancellationToken"/> fires; <paramref name="onReady"/> lets tests act once it is up.</summary>
    internal static async Task<int> RunAsync(EmulatorSettings settings, CliConsole console, Func<EmulatorFleet, Task>? onReady, CancellationToken cancellationToken)
    {
        Validate(settings);
        ThreadPoolFloor.Raise(console, settings.Count);
        EmulatorFleet fleet;
        try
        {
            fleet = await EmulatorFleet.StartAsync(
                new EmulatorOptions
                {
                    Count = settings.Count,
                    FirstPort = settings.Port,
                    Generation = settings.Generation,
                    Firmware = settings.Firmware,
                    AdminUser = settings.AdminUser,
                    AdminPassword = settings.AdminPassword,
                    StateDirectory = settings.StateDirectory,
                    UseHttps = !settings.Http,
                    Latency = TimeSpan.FromMilliseconds(settings.LatencyMs),
                    ControlPort = settings.ControlPort,
                    ResetDuration = TimeSpan.FromSeconds(settings.ResetSeconds),
                    BackupRestore = settings.BackupRestore,
                    Faults = settings.Faults,
                    LoggerFactory = Logs(console),
                },
                cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }

        await using (fleet)
        {
            foreach (var ilo in fleet.Ilos)
            {
                var id = ilo.Identity;
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"ilo {ilo.Index}: {ilo.BaseUrl.ToString().TrimEnd('/')} serial {id.ServerSerial} {id.ProductName} ({id.ProductId}) {id.FirmwareString} board {id.BoardSerial} {(settings.Http ? "" : ilo.CertificateFingerprint)}").TrimEnd());
            }

            if (fleet.AdminPasswordGenerated)
            {
                await console.Out.WriteLineAsync($"admin password (generated, kept in {fleet.PasswordFile}): {fleet.AdminPassword}");
            }

            if (settings.InventoryOut is { } inventoryPath)
            {
                fleet.WriteInventory(inventoryPath);
                await console.Out.WriteLineAsync($"inventory written to {Path.GetFullPath(inventoryPath)}");
            }

            // The control API needs the secret as "Authorization: Bearer"; the line names its 0600 file, never the secret.
            var first = fleet.Ilos[0].BaseUrl.ToString().TrimEnd('/');
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"ready: {fleet.Ilos.Count} iLO(s) from {first}, user {fleet.AdminUser}, control-secret-file {fleet.ControlSecretFile}, control {fleet.ControlUrl!.ToString().TrimEnd('/')}"));
            await console.Out.FlushAsync(CancellationToken.None);

            try
            {
                if (onReady is not null)
                {
                    await onReady(fleet);
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the normal way to stop. Shut down cleanly below.
            }
        }

        await console.Out.WriteLineAsync("emulator stopped");
        return ExitCodes.Interrupted;
    }

    /// <summary>
    /// The emulator's log: warnings and errors (its "unexpected failure" lines, and Kestrel's) go to
    /// stderr with their exception, so a bug in the emulator is seen rather than lost in a 500.
    /// </summary>
    internal static Microsoft.Extensions.Logging.ILoggerFactory Logs(CliConsole console) =>
        new Connection.StderrLoggerFactory(console.Error, Microsoft.Extensions.Logging.LogLevel.Warning, exceptions: true);

    internal static TimeSpan Seconds(double seconds, string option) =>
        seconds is >= 0 and <= 86400 ? TimeSpan.FromSeconds(seconds) : throw new CliUsageException(option + " must be 0..86400");

    private static void Validate(EmulatorSettings settings)
    {
        try
        {
            settings.BackupRestore.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CliUsageException($"invalid backup option ({ex.ParamName}): it cannot be negative, and uploads allow at least 1024 bytes", ex);
        }

        if (settings.Count < 1)
        {
            throw new CliUsageException("--count must be at least 1");
        }

        if (settings.Port < 0 || settings.Port > 65535)
        {
            throw new CliUsageException("--port must be 0..65535");
        }

        if (settings.LatencyMs < 0)
        {
            throw new CliUsageException("--latency-ms cannot be negative");
        }

        if (settings.ResetSeconds < 0 || double.IsNaN(settings.ResetSeconds) || settings.ResetSeconds > 86400)
        {
            throw new CliUsageException("--reset-seconds must be 0..86400");
        }
    }
}

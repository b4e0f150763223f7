using System.Collections.Concurrent;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Emulator.BackupRestore;

namespace IloBackup.Cli.Tests.ReadOnly;

/// <summary>
/// Issue 15, safety 3: read-only verbs and <c>--dry-run</c> change nothing on the iLO. A GET of the
/// Backup and Restore service makes the iLO write a backup file, so each verb is run against an
/// emulated iLO whose whole state (NAND files, BackupFiles, event log, configuration) is compared
/// before and after, and the requests it made are checked for a service GET.
/// </summary>
public sealed class ReadOnlyVerbTests
{
    private const string Service = "/redfish/v1/Managers/1/BackupRestoreService";

    [Fact]
    public async Task Every_read_only_verb_leaves_the_ilo_as_it_was()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var host = ilo.BaseUrl.ToString();
        string[] login = ["--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!];

        // A lived-in iLO: a kept backup in BackupFiles, a download under /bkupdata, a repository and a file.
        await RunOkAsync([.. login.Prepend("create").Prepend(host).Prepend("nand")]);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        var files = Directory.CreateDirectory(Path.Combine(emulated.Directory, "files")).FullName;
        await RunOkAsync([.. login.Prepend(files).Prepend("-o").Prepend(host).Prepend("backup")]);
        var file = Directory.GetFiles(files, "*.bak").Single();
        var opaque = Path.Combine(emulated.Directory, "opaque.bak");
        await File.WriteAllTextAsync(opaque, "nothing known about this");
        Assert.Single(BackupRestoreFeature.Of(ilo).KeptBackups);

        string[][] verbs =
        [
            ["nand", host, "list", .. login],
            ["nand", host, "list", "--json", .. login],
            ["restore", host, file, "--dry-run", .. login],
            ["restore", host, file, "--dry-run", "--json", .. login],
            ["restore", host, "--repo", emulated.Repository, "--dry-run", .. login],
            ["restore", host, opaque, "--yes", .. login], // refused by the pre-flight
            ["history", "--repo", emulated.Repository],
            ["show", "1", "--repo", emulated.Repository],
            ["verify", "--repo", emulated.Repository],
            ["inspect", file],
        ];
        var requests = Record(emulated);
        foreach (var verb in verbs)
        {
            requests.Clear();
            var before = IloStateSnapshot.Capture(ilo);
            var (code, output, error) = await RunAsync(verb);
            var changes = IloStateSnapshot.Capture(ilo).DifferencesFrom(before);
            var shown = string.Join(' ', verb.TakeWhile(a => a != "--fingerprint"));
            Assert.True(changes.Length == 0, $"{shown} changed the iLO: {changes}");
            Assert.False(requests.Any(IsServiceGet), $"{shown} read the Backup and Restore service: {string.Join(", ", requests)}");
            Assert.True(code is ExitCodes.Ok || verb.Contains(opaque), $"{shown}: exit {code}\n{output}{error}");
        }
    }

    /// <summary>The one service GET a read-only verb may make: <c>CustomBackupandRestore</c> lives only there.</summary>
    [Fact]
    public async Task Custom_backup_reads_the_service_once_and_changes_nothing_but_the_download()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var host = ilo.BaseUrl.ToString();
        string[] login = ["--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!];
        await RunOkAsync([.. login.Prepend("create").Prepend(host).Prepend("nand")]);
        var requests = Record(emulated);
        foreach (var json in new[] { false, true })
        {
            requests.Clear();
            var before = IloStateSnapshot.Capture(ilo, BackupFileNames.IsBackupName);
            await RunOkAsync(["custom-backup", host, .. json ? ["--json"] : Array.Empty<string>(), .. login]);
            Assert.Equal(string.Empty, IloStateSnapshot.Capture(ilo, BackupFileNames.IsBackupName).DifferencesFrom(before));
            Assert.Single(requests, IsServiceGet);
        }

        var (code, help, _) = await RunAsync("custom-backup", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("writes a new backup file", help, StringComparison.Ordinal);
    }

    private static bool IsServiceGet((string Method, string Path) r) =>
        r.Method == "GET" && r.Path.TrimEnd('/').Equals(Service, StringComparison.OrdinalIgnoreCase);

    private static ConcurrentQueue<(string Method, string Path)> Record(EmulatedFleet emulated)
    {
        var requests = new ConcurrentQueue<(string Method, string Path)>();
        emulated.Fleet.Overrides.Add((_, _) => true, (context, _, next) =>
        {
            requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty));
            return next(context);
        });
        return requests;
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.True(code == ExitCodes.Ok, $"{string.Join(' ', args.Take(3))}: exit {code}\n{output}{error}");
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}

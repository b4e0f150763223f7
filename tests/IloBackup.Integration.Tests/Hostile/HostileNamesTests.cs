using System.Security.Cryptography;
using IloBackup.Engine.Backup;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, items 4 and 7: names an iLO gives never choose where a file goes. The file is named
/// from the verified identity, <c>HPE_&lt;safe serial&gt;_&lt;time&gt;.bak</c>, inside its folder, and
/// escape sequences in what the iLO says are never printed or stored.
/// </summary>
public sealed class HostileNamesTests
{
    private const string Traversal = "x/../../../../escaped/pwn";

    [Fact]
    public async Task A_serial_with_a_path_in_it_cannot_write_outside_the_output_folder()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var serial = ilo.ReportSerial(0, Traversal);
        // The iLO's own file name is unusable (hidden): the client used to fall back to the serial.
        using var name = Group(ilo.RenameBackup(0, "/bkupdata/.x"));
        var top = Path.Combine(ilo.Directory, "a");
        var output = Path.Combine(top, "b", "c", "out") + "/";
        using var client = ilo.Client();

        var result = await new BackupOperation(client).RunAsync(new BackupRequest { IncludeSnapshot = false }, new FolderSink(output), null, CancellationToken.None);

        Assert.Equal(Path.GetFullPath(output), Path.GetDirectoryName(result.FilePath) + "/");
        Assert.StartsWith("HPE_xescapedpwn_", Path.GetFileName(result.FilePath), StringComparison.Ordinal);
        Assert.Equal(Traversal, result.Metadata.Identity.SerialNumber); // stored as reported (no control characters), never used as a path
        Assert.Equal(["b"], Directory.GetFileSystemEntries(top).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_cli_backup_keeps_a_traversal_serial_inside_the_output_folder()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var serial = ilo.ReportSerial(0, Traversal);
        using var name = Group(ilo.RenameBackup(0, "/bkupdata/.x"));
        var top = Path.Combine(ilo.Directory, "a");
        var output = Path.Combine(top, "b", "c", "out") + "/";

        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, .. ilo.Login]);

        Assert.True(code == 0, stderr);
        Assert.Equal(["b"], Directory.GetFileSystemEntries(top).Select(Path.GetFileName));
        var files = Directory.GetFiles(output).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(2, files.Length); // the backup and its metadata
        Assert.All(files, f => Assert.StartsWith("HPE_xescapedpwn_", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fleet_run_keeps_a_traversal_serial_inside_the_repository()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var serial = ilo.ReportSerial(0, Traversal);
        using var name = Group(ilo.RenameBackup(0, "/bkupdata/.x"));
        var top = Path.Combine(ilo.Directory, "a");
        var repo = Path.Combine(top, "b", "repo");
        var inventory = Path.Combine(ilo.Directory, "hosts.txt");
        await File.WriteAllTextAsync(inventory, ilo.Url() + "\n");

        var (code, _, stderr) = await HostileCli.RunAsync(
            ["fleet", "backup", "--inventory", inventory, "--repo", repo, "--user", ilo.Fleet.AdminUser, "--password-file", ilo.PasswordFile, "--json"]);

        Assert.True(code == 0, stderr);
        Assert.Equal(["b"], Directory.GetFileSystemEntries(top).Select(Path.GetFileName));
        Assert.Equal(["repo"], Directory.GetFileSystemEntries(Path.Combine(top, "b")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_file_name_claiming_another_server_never_overwrites_that_servers_backup()
    {
        await using var ilo = await HostileIlo.StartAsync(count: 2);
        var output = Path.Combine(ilo.Directory, "out") + "/";
        var victim = await HostileCli.RunAsync(["backup", ilo.Url(1), "-o", output, "--no-snapshot", .. ilo.Login]);
        Assert.True(victim.Code == 0, victim.Err);
        var victimFile = Directory.GetFiles(output, "*.bak").Single();
        var victimHash = Hash(victimFile);
        var victimMetadata = await File.ReadAllTextAsync(victimFile + ".json");
        Assert.StartsWith($"HPE_{ilo.Fleet[1].Identity.ServerSerial}_", Path.GetFileName(victimFile), StringComparison.Ordinal);

        // iLO 0 names its file exactly as iLO 1's backup is named.
        using var claim = Group(ilo.RenameBackup(0, "/bkupdata/" + Path.GetFileName(victimFile)));
        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(0), "-o", output, "--no-snapshot", "--overwrite", .. ilo.Login]);

        Assert.True(code == 0, stderr);
        Assert.Equal(victimHash, Hash(victimFile));
        Assert.Equal(victimMetadata, await File.ReadAllTextAsync(victimFile + ".json"));
        var own = Assert.Single(Directory.GetFiles(output, $"HPE_{ilo.Fleet[0].Identity.ServerSerial}_*.bak"));
        Assert.EndsWith(Path.GetFileName(victimFile)[^17..], own, StringComparison.Ordinal); // only the time came from the iLO's name
    }

    [Fact]
    public async Task Escape_sequences_in_what_the_ilo_says_are_never_printed_or_stored()
    {
        await using var ilo = await HostileIlo.StartAsync();
        const string Clearing = "\u001b[2J\u001b[HMXQ\u001b]0;owned\u0007123\u009b31m";
        // One override for both: the newest matching override is the one that runs.
        using var identity = ilo.RewriteJson(0, HostileIlo.IsIdentityPath, json =>
        {
            HostileIlo.SetEverywhere(json, "SerialNumber", Clearing);
            HostileIlo.SetEverywhere(json, "Model", "ProLiant\u001bc\nDL380");
        });
        var output = Path.Combine(ilo.Directory, "out") + "/";

        var table = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, .. ilo.Login]);
        var json = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, "--overwrite", "--json", .. ilo.Login]);

        Assert.True(table.Code == 0 && json.Code == 0, table.Err + json.Err);
        Assert.True(table.Out.Contains("MXQ123", StringComparison.Ordinal), table.Out);
        Assert.Contains("ProLiant DL380", json.Out, StringComparison.Ordinal);
        var written = Directory.GetFiles(output).Select(File.ReadAllText);
        foreach (var text in new[] { table.Out, table.Err, json.Out, json.Err }.Concat(written.Where(t => t.StartsWith('{'))))
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain("\\u001b", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\\u0007", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("owned", text, StringComparison.Ordinal);
        }

        Assert.Single(Directory.GetFiles(output, "HPE_MXQ123_*.bak"));
    }

    [Fact]
    public async Task Escape_sequences_never_reach_the_fleet_table_json_html_catalog_or_logs()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var identity = ilo.RewriteJson(0, HostileIlo.IsIdentityPath, json =>
        {
            HostileIlo.SetEverywhere(json, "SerialNumber", "MXQ\u001b[2J\u001b]0;owned\u0007456");
            HostileIlo.SetEverywhere(json, "Model", "DL\u001b[31m360\u009b0m");
        });
        var repo = Path.Combine(ilo.Directory, "repo");
        var html = Path.Combine(ilo.Directory, "report.html");
        var inventory = Path.Combine(ilo.Directory, "hosts.txt");
        await File.WriteAllTextAsync(inventory, ilo.Url() + "\n");
        string[] login = ["--inventory", inventory, "--user", ilo.Fleet.AdminUser, "--password-file", ilo.PasswordFile];

        var table = await HostileCli.RunAsync(["fleet", "backup", .. login, "--repo", repo, "--html", html, "--verbose"]);
        var json = await HostileCli.RunAsync(["fleet", "backup", .. login, "--repo", repo, "--json"]);
        var history = await HostileCli.RunAsync(["history", "--repo", repo, "--json"]);

        Assert.True(table.Code == 0 && json.Code == 0 && history.Code == 0, table.Err + json.Err + history.Err);
        Assert.Contains("MXQ456", json.Out, StringComparison.Ordinal);
        Assert.Contains("MXQ456", history.Out, StringComparison.Ordinal);
        Assert.Contains("DL360", history.Out, StringComparison.Ordinal);
        foreach (var text in new[] { table.Out, table.Err, json.Out, history.Out, await File.ReadAllTextAsync(html) })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u009b', text);
            Assert.DoesNotContain("\\u001b", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("owned", text, StringComparison.Ordinal);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static Disposables Group(IDisposable[] parts) => new(parts);

    private sealed class Disposables(IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}

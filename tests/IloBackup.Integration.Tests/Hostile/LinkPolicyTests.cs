using IloBackup.Engine.Backup;
using IloBackup.Redfish.Discovery;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, item 5: every link the client follows is reduced to a path on the iLO's own address.
/// A hostile iLO points one link (then all) at another host as <c>//127.0.0.1:PORT/path</c>; that
/// host must receive nothing (no token, password, logout or upload), and the work is done on the iLO.
/// </summary>
public sealed class LinkPolicyTests
{
    [Theory]
    [InlineData("BackupFileLocation")]
    [InlineData("Links.Sessions")]
    [InlineData("Location")]
    [InlineData("HttpPushUri")]
    [InlineData("Managers")]
    [InlineData("Systems")]
    [InlineData("BackupRestoreService")]
    public async Task A_link_to_another_host_is_followed_on_the_ilo_itself(string link)
    {
        await using var ilo = await HostileIlo.StartAsync();
        await using var other = await OtherHost.StartAsync();
        var output = Path.Combine(ilo.Directory, "out") + Path.DirectorySeparatorChar;
        using var client = ilo.Client();
        using (HostileLinks.Attack(ilo, other, link))
        {
            await using var session = await client.LoginAsync(CancellationToken.None);
            var result = await new BackupOperation(client).RunAsync(session, new BackupRequest { IncludeSnapshot = false }, new FolderSink(output), null, CancellationToken.None);
            Assert.Equal(result.Metadata.SizeBytes, new FileInfo(result.FilePath).Length);
            Assert.True(result.Metadata.SizeBytes > 1000, "the iLO's own file, not the other host's 16 bytes");
            if (link == "HttpPushUri")
            {
                var servicePath = await IloDiscovery.FindBackupRestoreServiceAsync(session, CancellationToken.None);
                var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, servicePath, TimeSpan.FromSeconds(30), CancellationToken.None);
                Assert.StartsWith("//", service.HttpPushUri, StringComparison.Ordinal);
                await session.UploadRestoreFileAsync(service.HttpPushUri!, result.FilePath, null, null, CancellationToken.None);
            }
        }

        Assert.Empty(other.Received);
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout)); // the logout reached the iLO
    }

    [Fact]
    public async Task The_cli_backs_up_from_an_ilo_whose_every_link_names_another_host_and_that_host_receives_nothing()
    {
        await using var ilo = await HostileIlo.StartAsync();
        await using var other = await OtherHost.StartAsync();
        var output = Path.Combine(ilo.Directory, "out");
        using var attack = HostileLinks.AttackAll(ilo, other);

        var (code, stdout, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output + "/", "--json", .. ilo.Login]);

        Assert.True(code == 0, stderr);
        Assert.Contains(ilo.Fleet[0].Identity.ServerSerial, stdout, StringComparison.Ordinal);
        Assert.Empty(other.Received);
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task The_cli_restore_uploads_to_the_ilo_when_its_push_uri_names_another_host()
    {
        await using var ilo = await HostileIlo.StartAsync();
        await using var other = await OtherHost.StartAsync();
        var output = Path.Combine(ilo.Directory, "out") + "/";
        var backup = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, "--no-snapshot", .. ilo.Login]);
        Assert.True(backup.Code == 0, backup.Err);
        var file = Directory.GetFiles(output, "*.bak").Single();
        using var attack = HostileLinks.Attack(ilo, other, "HttpPushUri");

        var (code, _, stderr) = await HostileCli.RunAsync(["restore", ilo.Url(), file, "--yes", "--poll-interval", "0.1s", "--deadline", "30s", .. ilo.Login]);

        Assert.True(code == 0, stderr);
        Assert.Empty(other.Received);
    }

    [Fact]
    public async Task A_location_starting_with_three_slashes_is_refused_with_the_host_and_the_link_named()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var attack = ilo.RewriteBackupService(0, json => json["BackupFileLocation"] = "///bkupdata/x.bak");
        var output = Path.Combine(ilo.Directory, "out") + "/";

        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, .. ilo.Login]);

        Assert.Equal(1, code);
        Assert.Contains(new Uri(ilo.Url()).Authority, stderr, StringComparison.Ordinal);
        Assert.Contains("'///bkupdata/x.bak'", stderr, StringComparison.Ordinal);
        Assert.Contains("names no host and no path", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }
}

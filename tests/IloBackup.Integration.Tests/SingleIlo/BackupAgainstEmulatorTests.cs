using System.Text.RegularExpressions;
using IloBackup.Engine.Backup;
using IloBackup.Engine.Metadata;
using IloBackup.TestSupport.Logging;

namespace IloBackup.Integration.Tests.SingleIlo;

public sealed partial class BackupAgainstEmulatorTests
{
    [Fact]
    public async Task Backup_writes_the_iLO_file_name_with_metadata_and_snapshot()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var client = ilo.InProcessClient(logs: logs);
        var result = await new BackupOperation(client, logs.CreateLogger("test"))
            .RunAsync(new BackupRequest(), new FolderSink(ilo.Directory), null, CancellationToken.None);

        var identity = ilo.Fleet[0].Identity;
        Assert.Matches(IloName(), Path.GetFileName(result.FilePath));
        Assert.StartsWith($"HPE_{identity.ServerSerial}_", Path.GetFileName(result.FilePath), StringComparison.Ordinal);
        var metadata = await BackupMetadataFile.TryReadAsync(result.FilePath, CancellationToken.None);
        Assert.NotNull(metadata);
        Assert.Equal(identity.ServerSerial, metadata.Identity.SerialNumber);
        Assert.Equal(identity.ProductId, metadata.Identity.ProductId);
        Assert.Equal(new FileInfo(result.FilePath).Length, metadata.SizeBytes);
        Assert.Equal("iLO 5", metadata.Identity.IloGeneration);
        var sections = metadata.Snapshot!["sections"]!.AsObject();
        foreach (var section in new[] { "accounts", "network", "protocols", "security", "power" })
        {
            Assert.True(sections.ContainsKey(section), $"snapshot section {section} missing: {metadata.Snapshot.ToJsonString()}");
        }

        var snapshot = metadata.Snapshot.ToJsonString();
        Assert.Contains(ilo.Fleet.AdminUser, snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedIlo.Password, snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedIlo.Password, logs.AllText, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task Interrupting_a_backup_leaves_no_partial_file_and_no_open_session()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        var gate = new StallingHandler.Gate();
        using var client = ilo.InProcessClient(wrap: inner => new StallingHandler(inner, "/bkupdata/", gate));
        using var interrupt = new CancellationTokenSource();
        var run = new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(ilo.Directory), null, interrupt.Token);
        await gate.FirstBytes.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(Directory.GetFiles(ilo.Directory, ".*.partial"));
        await interrupt.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFiles(ilo.Directory, "*", SearchOption.AllDirectories));
        Assert.Equal(0, ilo.Fleet[0].Sessions.Count);
    }

    [GeneratedRegex(@"^HPE_[A-Z0-9]+_\d{8}_\d{4}\.bak$")]
    private static partial Regex IloName();
}

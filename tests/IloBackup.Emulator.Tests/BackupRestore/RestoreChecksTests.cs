using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.BackupRestore;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>The checks of a restore, on files crafted with the format's own writer.</summary>
public sealed class RestoreChecksTests
{
    private const string PayloadType = "application/vnd.ilobackup.ilo-configuration+json";

    [Theory]
    [InlineData("serial", RestoreRefusal.AnotherServer)]
    [InlineData("product", RestoreRefusal.AnotherServer)]
    [InlineData("generation", RestoreRefusal.AnotherGeneration)]
    [InlineData("firmware", RestoreRefusal.NewerFirmware)]
    [InlineData("bad-firmware", RestoreRefusal.NotABackupFile)]
    [InlineData("payload-type", RestoreRefusal.NotABackupFile)]
    [InlineData("config-version", RestoreRefusal.UnsupportedVersion)]
    [InlineData("not-json", RestoreRefusal.Tampered)]
    public async Task A_file_that_does_not_fit_this_ilo_is_refused(string change, RestoreRefusal reason)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var feature = BackupRestoreFeature.Of(ilo);
        var origin = feature.Origin;
        origin = change switch
        {
            "serial" => origin with { SerialNumber = origin.SerialNumber + "X" },
            "product" => origin with { ProductId = "999999-B21" },
            "generation" => origin with { IloGeneration = 6, FirmwareVersion = "1.10" },
            "firmware" => origin with { FirmwareVersion = "2.99" },
            "bad-firmware" => origin with { FirmwareVersion = "v2" },
            _ => origin,
        };
        var payload = JsonNode.Parse(BackupRestoreKit.Json(ilo.Configuration))!.AsObject();
        if (change == "config-version")
        {
            payload["formatVersion"] = 99;
        }

        var bytes = change == "not-json" ? "not json at all"u8.ToArray() : Encoding.UTF8.GetBytes(payload.ToJsonString());
        var file = await WriteAsync(origin, change == "payload-type" ? "application/zip" : PayloadType, bytes, emulator.Time.GetUtcNow());
        var before = BackupRestoreKit.Json(ilo.Configuration);

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(
            () => feature.PrepareRestoreAsync(new MemoryStream(file), file.Length, null, "crafted.bak", CancellationToken.None));

        Assert.Equal(reason, refused.Reason);
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
    }

    [Fact]
    public async Task A_well_formed_file_of_this_server_is_accepted_whatever_its_ilo_board()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var feature = BackupRestoreFeature.Of(ilo);
        var bytes = Encoding.UTF8.GetBytes(BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "crafted")));
        var file = await WriteAsync(feature.Origin with { FirmwareVersion = "2.10" }, PayloadType, bytes, emulator.Time.GetUtcNow());
        ilo.ReplaceSystemBoard(TimeSpan.Zero);

        var plan = await feature.PrepareRestoreAsync(new MemoryStream(file), file.Length, null, "crafted.bak", CancellationToken.None);

        Assert.Equal("ilo-crafted", plan.Configuration.Network.HostName);
    }

    private static async Task<byte[]> WriteAsync(BackupOrigin origin, string payloadType, byte[] payload, DateTimeOffset now)
    {
        using var output = new MemoryStream();
        await using (var writer = await BackupFileCodec.CreateAsync(output, origin, now, new BackupFileWriteOptions { PayloadType = payloadType }, leaveOpen: true))
        {
            await writer.WriteAsync(payload);
            await writer.CompleteAsync();
        }

        return output.ToArray();
    }
}

using System.Buffers.Binary;
using System.Net;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore;

public sealed class RestoreUploadTests
{
    [Fact]
    public async Task Restore_answers_200_resets_the_ilo_and_brings_back_the_configuration()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, token, _) = await emulator.LoginAsync();
        var (location, file) = await BackupRestoreKit.BackupAsync(client);
        BackupRestoreKit.Configure(ilo, "changed");

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token, fileName: location[10..]));

        await JsonAssert.ReadAsync(response);
        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Equal(0, ilo.Sessions.Count);
        Assert.Contains(ilo.State.EventLog, e => e.Message.Contains("restored from backup file " + location[10..], StringComparison.Ordinal));
        BackupRestoreKit.WaitForReset(emulator, ilo);
        var (again, _, _) = await emulator.LoginAsync();
        Assert.Equal("ilo-saved", ilo.Configuration.Network.HostName);
        again.Dispose();
    }

    [Fact]
    public async Task The_dmtf_librarys_plain_multipart_content_type_is_accepted()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        BackupRestoreKit.Configure(ilo, "changed");

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token, plainContentType: true));

        await JsonAssert.ReadAsync(response);
        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
    }

    [Theory]
    [InlineData(false, true, null)]
    [InlineData(true, false, null)]
    [InlineData(true, true, "ffffffffffffffffffffffffffffffff")]
    public async Task Both_the_cookie_and_the_form_session_key_are_required(bool cookie, bool formKey, string? otherFormKey)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        var before = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "changed"));

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token, cookie: cookie, formKey: formKey, formToken: otherFormKey));

        Assert.Equal("Base.1.12.NoValidSession", await JsonAssert.ErrorAsync(response, HttpStatusCode.Unauthorized));
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.True(ilo.IsReachable);
    }

    [Theory]
    [InlineData("operator", IloRoles.Operator)]
    [InlineData("config-only", IloPrivileges.Login | IloPrivileges.ILOConfig)]
    [InlineData("users-only", IloPrivileges.Login | IloPrivileges.UserConfig)]
    public async Task Restore_needs_ilo_config_and_user_config_privileges(string user, IloPrivileges privileges)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (admin, _, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(admin);
        var account = BackupRestoreKit.AddAccount(ilo, user, privileges);
        var before = BackupRestoreKit.Json(ilo.Configuration);
        var (client, token, _) = await emulator.LoginAsync(user: account.User, password: account.Password);

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));

        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(response, HttpStatusCode.Forbidden));
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains("refused (insufficient privileges)", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_servers_file_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2);
        var (other, _, _) = await emulator.LoginAsync(1);
        var (_, file) = await BackupRestoreKit.BackupAsync(other);
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync(0);
        var before = BackupRestoreKit.Json(ilo.Configuration);

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));

        var body = await JsonAssert.ReadAsync(response, HttpStatusCode.BadRequest);
        var info = body["error"]!["@Message.ExtendedInfo"]![0]!;
        Assert.Equal("Base.1.12.ResourceTypeIncompatible", info["MessageId"]!.GetValue<string>());
        Assert.Contains(info["MessageArgs"]!.AsArray(), a => a!.GetValue<string>().Contains(ilo.Identity.ServerSerial, StringComparison.Ordinal));
        Assert.Null(info["Message"]);
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains("refused (AnotherServer)", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Damages => new() { "empty", "foreign", "truncated", "cut-inside-chunk", "flipped-payload", "flipped-header", "appended" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_or_foreign_file_is_refused_and_nothing_changes(string damage)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        var before = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "changed"));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10));
        var damaged = damage switch
        {
            "empty" => [],
            "foreign" => "PK\u0003\u0004 this is a zip file, not a backup"u8.ToArray(),
            "truncated" => file[..^16],
            "cut-inside-chunk" => file[..(headerLength + 20)],
            "flipped-payload" => Flip(file, headerLength + 5),
            "flipped-header" => Flip(file, 80),
            _ => [.. file, 0x42],
        };

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(damaged, token, fileName: "damaged.bak"));

        var body = await JsonAssert.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Base.1.12.ResourceAtUriInUnknownFormat", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>());
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.True(ilo.IsReachable);
        Assert.Contains("damaged.bak", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_format_version_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), 3);

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));

        Assert.Equal("Base.1.12.ResourceTypeIncompatible", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Contains("(UnsupportedVersion)", emulator.Fleet[0].State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_from_newer_firmware_is_refused_and_one_from_older_firmware_accepted()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { Firmware = "2.72" });
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        var (_, older) = await BackupRestoreKit.BackupAsync(client);
        ilo.UpdateFirmware("2.78", TimeSpan.Zero);
        (client, _, _) = await emulator.LoginAsync();
        var (_, newer) = await BackupRestoreKit.BackupAsync(client);
        ilo.UpdateFirmware("2.75", TimeSpan.Zero);
        var (current, token, _) = await emulator.LoginAsync();

        using var refused = await current.SendAsync(BackupRestoreKit.RestoreRequest(newer, token));
        using var accepted = await current.SendAsync(BackupRestoreKit.RestoreRequest(older, token));

        Assert.Equal("Base.1.12.ResourceTypeIncompatible", await JsonAssert.ErrorAsync(refused, HttpStatusCode.BadRequest));
        Assert.Contains("(NewerFirmware)", ilo.State.EventLog.Reverse().First(e => e.Message.Contains("refused", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        await JsonAssert.ReadAsync(accepted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-password")]
    [InlineData("123456789012345678901234567890123")]
    public async Task A_protected_file_without_its_password_gets_the_plain_invalid_restore_password(string? password)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        var location = (await BackupRestoreKit.GetServiceAsync(client))["BackupFileLocation"]!.GetValue<string>();
        var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" }, { new StringContent("right-password"), "password" } };
        using var download = await client.PostAsync(location, form);
        var file = await download.Content.ReadAsByteArrayAsync();
        var before = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "changed"));

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token, password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_restore_password", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains("(InvalidPassword)", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ilo.State.EventLog, e => e.Message.Contains("right-password", StringComparison.Ordinal) || (password is not null && e.Message.Contains(password, StringComparison.Ordinal)));

        using var right = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token, "right-password"));
        await JsonAssert.ReadAsync(right);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_and_logged()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { BackupRestore = new BackupRestoreOptions { MaxUploadBytes = 2048 } });
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(new byte[10_000], token));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over the size limit", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Padded_backups_raise_the_limit_so_they_still_restore()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { BackupRestore = new BackupRestoreOptions { MaxUploadBytes = 64 * 1024, BackupPaddingBytes = 3 * 1024 * 1024 } });
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        BackupRestoreKit.Configure(ilo, "changed");

        using var response = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));

        Assert.True(file.Length > 3 * 1024 * 1024);
        await JsonAssert.ReadAsync(response);
        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
    }

    [Fact]
    public async Task A_form_without_a_file_is_property_missing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, BackupRestoreKit.PushUri)
        {
            Content = new MultipartFormDataContent { { new StringContent(token), "sessionKey" } },
        };
        request.Headers.Add("Cookie", "sessionKey=" + token);

        using var response = await client.SendAsync(request);

        Assert.Equal("Base.1.12.PropertyMissing", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_unrecognized()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, BackupRestoreKit.PushUri)
        {
            Content = new StringContent("{\"file\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", "sessionKey=" + token);

        using var response = await client.SendAsync(request);

        Assert.Equal("Base.1.12.UnrecognizedRequestBody", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_second_restore_while_the_first_is_applied_is_409()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        var feature = BackupRestoreFeature.Of(ilo);
        var second = await feature.PrepareRestoreAsync(new MemoryStream(file), file.Length, null, "second.bak", CancellationToken.None);

        using var first = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));
        await JsonAssert.ReadAsync(first);
        var refused = Assert.Throws<RestoreRefusedException>(() => feature.ApplyRestore(second, "admin"));

        Assert.Equal(RestoreRefusal.RestoreInProgress, refused.Reason);
        Assert.True(feature.IsRestoreInProgress);
        BackupRestoreKit.WaitForReset(emulator, ilo);
        Assert.False(feature.IsRestoreInProgress);
        feature.ApplyRestore(second, "admin");
    }

    private static byte[] Flip(byte[] file, int at)
    {
        var copy = (byte[])file.Clone();
        copy[at] ^= 0x10;
        return copy;
    }
}

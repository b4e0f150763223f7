using System.Net;
using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore;

public sealed class BackupDownloadTests
{
    [Fact]
    public async Task Get_with_the_token_streams_the_file_with_its_length()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();

        var (location, file) = await BackupRestoreKit.BackupAsync(client);

        await using var stored = ilo.Nand.OpenRead(location["/bkupdata/".Length..])!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(copy.ToArray(), file);
        var header = await BackupFileCodec.VerifyAsync(new MemoryStream(file));
        Assert.Equal(ilo.Identity.ServerSerial, header.Origin.SerialNumber);
        Assert.False(header.IsPasswordProtected);
    }

    [Fact]
    public async Task Get_with_the_session_cookie_alone_works()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var location = (await BackupRestoreKit.GetServiceAsync(client))["BackupFileLocation"]!.GetValue<string>();
        using var anonymous = emulator.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Add("Cookie", "sessionKey=" + token);

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Multipart_post_with_the_session_key_downloads_the_file()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var location = (await BackupRestoreKit.GetServiceAsync(client))["BackupFileLocation"]!.GetValue<string>();
        using var anonymous = emulator.Client();

        using var response = await anonymous.PostAsync(location, Form(("sessionKey", token)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.False((await BackupFileCodec.VerifyAsync(new MemoryStream(file))).IsPasswordProtected);
    }

    [Fact]
    public async Task Multipart_post_with_a_password_downloads_a_protected_file_of_the_same_length()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var (location, plain) = await BackupRestoreKit.BackupAsync(client);

        using var response = await client.PostAsync(location, Form(("sessionKey", token), ("password", "s3cret-pw")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(plain.Length, file.Length);
        Assert.Equal(file.Length, response.Content.Headers.ContentLength);
        var refused = await Assert.ThrowsAsync<BackupFileException>(() => BackupFileCodec.VerifyAsync(new MemoryStream(file)));
        Assert.Equal(BackupFileRefusal.PasswordRequired, refused.Reason);
        using var payload = new MemoryStream();
        using var plainPayload = new MemoryStream();
        await BackupFileCodec.VerifyAsync(new MemoryStream(file), "s3cret-pw", payload);
        await BackupFileCodec.VerifyAsync(new MemoryStream(plain), null, plainPayload);
        Assert.Equal(plainPayload.ToArray(), payload.ToArray());
    }

    [Fact]
    public async Task A_password_over_32_characters_is_refused_as_json()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var (location, _) = await BackupRestoreKit.BackupAsync(client);

        using var response = await client.PostAsync(location, Form(("sessionKey", token), ("password", new string('x', 33))));

        Assert.Equal("Base.1.12.PropertyValueFormatError", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Without_a_session_both_ways_answer_401_json()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        var (location, _) = await BackupRestoreKit.BackupAsync(client);
        using var anonymous = emulator.Client();

        using var get = await anonymous.GetAsync(location);
        using var post = await anonymous.PostAsync(location, Form(("sessionKey", "0123456789abcdef0123456789abcdef")));

        Assert.Equal("Base.1.12.NoValidSession", await JsonAssert.ErrorAsync(get, HttpStatusCode.Unauthorized));
        Assert.Equal("Base.1.12.NoValidSession", await JsonAssert.ErrorAsync(post, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Without_ilo_config_privilege_both_ways_answer_403()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        var (location, _) = await BackupRestoreKit.BackupAsync(admin);
        var (user, password) = BackupRestoreKit.AddAccount(emulator.Fleet[0], "operator", IloRoles.Operator);
        var (client, token, _) = await emulator.LoginAsync(user: user, password: password);

        using var get = await client.GetAsync(location);
        using var anonymous = emulator.Client();
        using var post = await anonymous.PostAsync(location, Form(("sessionKey", token)));

        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(get, HttpStatusCode.Forbidden));
        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(post, HttpStatusCode.Forbidden));
    }

    [Theory]
    [InlineData("/bkupdata/HPE_NOSUCHFILE_20261123_1200.bak")]
    [InlineData("/bkupdata/custom-backup.enabled")]
    [InlineData("/bkupdata/custom-backup.bak")]
    [InlineData("/bkupdata/..%2F..%2Fsram.json")]
    [InlineData("/bkupdata/%2e%2e%2fidentity.json")]
    [InlineData("/bkupdata/..%5Cstate.json")]
    [InlineData("/bkupdata/.hidden.bak")]
    [InlineData("/bkupdata/HPE_X_20261123_1200.bak.txt")]
    [InlineData("/bkupdata/%2Fetc%2Fpasswd")]
    public async Task Nothing_but_a_backup_file_is_ever_served(string path)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        await client.PatchAsync(BackupRestoreKit.ServicePath, new StringContent("{\"CustomBackupandRestore\":true}", System.Text.Encoding.UTF8, "application/json"));
        await BackupRestoreKit.BackupAsync(client);
        Assert.Contains(ilo.Nand.List(), f => f.Name == "custom-backup.bak");

        using var get = await client.GetAsync(path);
        using var post = await client.PostAsync(path, Form(("sessionKey", token)));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_answers_the_length_without_a_body()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        var (location, file) = await BackupRestoreKit.BackupAsync(client);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, location));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.Length, response.Content.Headers.ContentLength);
    }

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}

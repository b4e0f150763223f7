using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Resources;

namespace IloBackup.Emulator.Tests.Authorization;

/// <summary>Issue 6, "Hostile input": failed logins, protected backup files and paths outside <c>/bkupdata</c>.</summary>
public sealed class HostileInputSecurityTests
{
    [Fact]
    public async Task Failed_logins_are_logged_without_the_password_and_delayed_after_the_first()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        const string Guess = "Guess-Passw0rd-1";

        using (var first = await client.PostAsJsonAsync(IloPaths.Sessions, new JsonObject { ["UserName"] = "Administrator", ["Password"] = Guess }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
            Assert.DoesNotContain(Guess, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The second failure in a row waits on the iLO's clock (AuthFailureDelaySeconds, 5 s by default).
        var second = client.PostAsJsonAsync(IloPaths.Sessions, new JsonObject { ["UserName"] = "Administrator", ["Password"] = Guess });
        await IloBackup.TestSupport.Polling.UntilAsync(
            () => emulator.Fleet[0].State.EventLog.Any(e => e.Message.Contains("2 failed logins", StringComparison.Ordinal)), "the second failure logged (coalesced into the first entry)");
        Assert.False(second.IsCompleted);
        emulator.Time.Advance(TimeSpan.FromSeconds(emulator.Fleet[0].Configuration.Security.AuthFailureDelaySeconds));
        using (var answer = await second.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        var failures = emulator.Fleet[0].State.EventLog.Where(e => e.Message.StartsWith("Login failure", StringComparison.Ordinal)).ToList();
        Assert.Single(failures);
        Assert.All(emulator.Fleet[0].State.EventLog, e => Assert.DoesNotContain(Guess, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_protected_backup_file_holds_no_plaintext_fragment_of_the_configuration()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            const string Contact = "Contact-Marker-7f3a9";
            const string UserPassword = "Leak-Passw0rd-55";
            const string FilePassword = "File-Pw-Marker-31";
            using (var patch = await client.PatchAsync(IloPaths.SnmpService, JsonContent.Create(new JsonObject { ["Contact"] = Contact })))
            {
                Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
            }

            using (var user = await client.PostAsJsonAsync(IloPaths.Accounts, new JsonObject { ["UserName"] = "leakcheck", ["Password"] = UserPassword, ["RoleId"] = "ReadOnly" }))
            {
                Assert.Equal(HttpStatusCode.Created, user.StatusCode);
            }

            var name = (await JsonAssert.GetAsync(client, IloPaths.BackupRestoreService))["BackupFileLocation"]!.GetValue<string>()[BackupFileNames.UriPrefix.Length..];
            using var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" }, { new StringContent(FilePassword), "password" } };
            using var download = await client.PostAsync(BackupFileNames.UriPrefix + name, form);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var file = await download.Content.ReadAsByteArrayAsync();

            // The markers are in the payload (so this test can fail) ...
            using var payload = new MemoryStream();
            await BackupFileCodec.VerifyAsync(new MemoryStream(file), FilePassword, payload);
            var plain = Encoding.UTF8.GetString(payload.ToArray());
            Assert.Contains(Contact, plain, StringComparison.Ordinal);
            Assert.Contains("leakcheck", plain, StringComparison.Ordinal);

            // ... and no fragment of them (nor of any password) is in the file, in UTF-8 or UTF-16.
            string[] secrets = [Contact[..12], "leakcheck", UserPassword[..10], FilePassword[..10], EmulatorFixture.Password, emulator.Fleet[0].Configuration.Network.HostName];
            foreach (var secret in secrets)
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                {
                    Assert.True(file.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"'{secret}' in the protected file");
                }
            }

            var refused = await Assert.ThrowsAsync<BackupFileException>(() => BackupFileCodec.VerifyAsync(new MemoryStream(file), "wrong password", Stream.Null));
            Assert.Equal(BackupFileRefusal.WrongPassword, refused.Reason);
        }
    }

    [Fact]
    public async Task No_password_or_token_reaches_the_emulators_log_or_event_log()
    {
        using var logs = new IloBackup.TestSupport.Logging.CapturingLoggerProvider();
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { LoggerFactory = logs });
        const string Guess = "Guess-Passw0rd-77";
        const string AccountPassword = "Account-Passw0rd-88";
        const string FilePassword = "File-Passw0rd-99";
        using (var anonymous = emulator.Client())
        {
            using var failed = await anonymous.PostAsJsonAsync(IloPaths.Sessions, new JsonObject { ["UserName"] = "Administrator", ["Password"] = Guess });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var (client, token, location) = await emulator.LoginAsync();
        using (client)
        {
            using (var user = await client.PostAsJsonAsync(IloPaths.Accounts, new JsonObject { ["UserName"] = "logcheck", ["Password"] = AccountPassword, ["RoleId"] = "Operator" }))
            {
                Assert.Equal(HttpStatusCode.Created, user.StatusCode);
            }

            var name = (await JsonAssert.GetAsync(client, IloPaths.BackupRestoreService))["BackupFileLocation"]!.GetValue<string>()[BackupFileNames.UriPrefix.Length..];
            using var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" }, { new StringContent(FilePassword), "password" } };
            using var download = await client.PostAsync(BackupFileNames.UriPrefix + name, form);
            var file = await download.Content.ReadAsByteArrayAsync();
            using var wrong = await client.SendAsync(BackupRestore.BackupRestoreKit.RestoreRequest(file, token, password: "Wrong-File-Pw-12"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            using var logout = await client.DeleteAsync(location);
        }

        string[] secrets = [Guess, AccountPassword, FilePassword, "Wrong-File-Pw-12", EmulatorFixture.Password, token];
        var text = logs.AllText + "\n" + string.Join("\n", emulator.Fleet[0].State.EventLog.Select(e => e.Message));
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret of {secret.Length} characters is in the emulator's logs");
        }
    }

    [Theory]
    [InlineData("/bkupdata/..%2f..%2fetc%2fpasswd")]
    [InlineData("/bkupdata/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/bkupdata/..%5c..%5cwindows%5cwin.ini")]
    [InlineData("/bkupdata/%252e%252e%252fetc%252fpasswd")]
    [InlineData("/bkupdata/..%c0%af..%c0%afetc%c0%afpasswd")]
    [InlineData("/bkupdata/%2fetc%2fpasswd")]
    [InlineData("/bkupdata//etc/passwd")]
    [InlineData("/bkupdata/HPE_X_20261123_2130.bak%2f..%2f..%2fstate.json")]
    [InlineData("/bkupdata/state.json")]
    [InlineData("/bkupdata/.")]
    [InlineData("/bkupdata/%2e")]
    public async Task Paths_outside_bkupdata_backup_files_are_never_served(string path)
    {
        using var state = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            using var created = await client.PostAsync(BackupRestoreServiceResource.BackupFilesPath, null);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            client.DefaultRequestHeaders.Add("Cookie", "sessionKey=" + token);
            using var get = await client.GetAsync(path);
            using var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" } };
            using var post = await client.PostAsync(path, form);
            foreach (var response in new[] { get, post })
            {
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{response.RequestMessage!.Method} {path}: {status}");
                Assert.NotEqual("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }
}

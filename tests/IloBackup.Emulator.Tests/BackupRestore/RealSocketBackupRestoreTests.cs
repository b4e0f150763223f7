using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>Backup and restore through Kestrel on 127.0.0.1 over TLS: limits and streaming of large files.</summary>
public sealed class RealSocketBackupRestoreTests
{
    [Fact]
    public async Task A_padded_64_MiB_backup_streams_down_and_back_up()
    {
        const long padding = 64L * 1024 * 1024;
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { BackupRestore = new BackupRestoreOptions { BackupPaddingBytes = padding } });
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        using var client = await LoginAsync(emulator);
        var token = client.DefaultRequestHeaders.GetValues("X-Auth-Token").Single();
        var location = (await BackupRestoreKit.GetServiceAsync(client))["BackupFileLocation"]!.GetValue<string>();
        var path = Path.Combine(Path.GetTempPath(), "ilobackup-large-" + Guid.NewGuid().ToString("N") + ".bak");
        try
        {
            string sentHash;
            using (var response = await client.GetAsync(location, HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Content.Headers.ContentLength > padding);
                await using var file = File.Create(path);
                await using var body = await response.Content.ReadAsStreamAsync();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int n;
                while ((n = await body.ReadAsync(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n));
                }

                sentHash = Convert.ToHexString(hash.GetHashAndReset());
                Assert.Equal(response.Content.Headers.ContentLength, file.Length);
            }

            BackupRestoreKit.Configure(ilo, "changed");
            await using (var upload = File.OpenRead(path))
            {
                Assert.Equal(sentHash, Convert.ToHexString(await SHA256.HashDataAsync(upload)));
                upload.Position = 0;
                var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" } };
                var part = new StreamContent(upload);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "file", Path.GetFileName(location));
                using var request = new HttpRequestMessage(HttpMethod.Post, BackupRestoreKit.PushUri) { Content = form };
                request.Headers.Add("Cookie", "sessionKey=" + token);
                using var restored = await client.SendAsync(request);
                await JsonAssert.ReadAsync(restored);
            }

            Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_over_the_limit_is_413_with_or_without_a_content_length(bool contentLength)
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { BackupRestore = new BackupRestoreOptions { MaxUploadBytes = 64 * 1024 } });
        var ilo = emulator.Fleet[0];
        using var client = await LoginAsync(emulator);
        var token = client.DefaultRequestHeaders.GetValues("X-Auth-Token").Single();
        var before = BackupRestoreKit.Json(ilo.Configuration);
        using var request = BackupRestoreKit.RestoreRequest(new byte[1024 * 1024], token);
        if (!contentLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException ex) when (!contentLength && ex.InnerException is IOException)
        {
            // Chunked, the client is still sending when the iLO answers 413 and closes: on a busy machine the TCP reset
            // can reach the client before it reads the answer (a broken pipe). The iLO's side must hold either way.
        }

        using (response)
        {
            if (response is not null || contentLength)
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response!.StatusCode);
            }
        }

        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains("over the size limit", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> LoginAsync(EmulatorFixture emulator)
    {
        var fleet = emulator.Fleet;
        var client = new HttpClient(fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = fleet[0].BaseUrl };
        using var login = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = fleet.AdminUser, ["Password"] = EmulatorFixture.Password });
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        client.DefaultRequestHeaders.Add("X-Auth-Token", login.Headers.GetValues("X-Auth-Token").Single());
        return client;
    }
}

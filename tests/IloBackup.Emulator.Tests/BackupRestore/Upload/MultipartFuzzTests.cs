using System.Text;
using CsCheck;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.BackupRestore.Upload;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.BackupRestore.Upload;

/// <summary>
/// Issue 6, "Hostile input": mutated multipart bodies, to the reader itself and over HTTP to the
/// restore upload and the download POST. Refusals are <see cref="UploadException"/>s or 4xx, never
/// a crash or a 5xx; a refused upload changes nothing and leaves no spooled file behind.
/// </summary>
public sealed class MultipartFuzzTests(ITestOutputHelper output)
{
    private const string Boundary = "----------------------------9a8b7c";

    private static byte[] Body(string sessionKey, byte[] file, string? password = "pw")
    {
        var text = new StringBuilder();
        text.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"sessionKey\"\r\n\r\n").Append(sessionKey).Append("\r\n");
        if (password is not null)
        {
            text.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n").Append(password).Append("\r\n");
        }

        text.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"HPE_X_20261123_2130.bak\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. file, .. Encoding.ASCII.GetBytes("\r\n--" + Boundary + "--\r\n")];
    }

    private static readonly string?[] ContentTypes =
    [
        "multipart/form-data; boundary=" + Boundary, "multipart/form-data", null, "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"unterminated", "application/json", "multipart/form-data; boundary=" + new string('x', 200),
    ];

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task The_reader_refuses_mutated_forms_cleanly_and_spools_nothing_it_keeps()
    {
        using var spool = new TempDirectory();
        var valid = Body("0123456789abcdef0123456789abcdef", [.. Enumerable.Range(0, 3000).Select(i => (byte)i)]);
        var tally = new FuzzTally("multipart form reader");
        await Gen.Select(Gen.Int, Gen.Int[0, ContentTypes.Length - 1]).SampleAsync(
            async sample =>
            {
                var (seed, type) = sample;
                var body = ByteMutator.Mutate(valid, seed, maxMutations: 6);
                await tally.RunAsync(
                    async () =>
                    {
                        await using var form = await MultipartFormReader.ReadAsync(ContentTypes[type], new MemoryStream(body), 4096, "file", spool.Path, CancellationToken.None);
                        _ = form["sessionKey"];
                    },
                    e => e is UploadException,
                    () => $"seed {seed}, content type {ContentTypes[type]}");
            },
            iter: FuzzBudget.Iterations(1500),
            threads: 1);
        Assert.Empty(Directory.GetFiles(spool.Path, "*", SearchOption.AllDirectories));
        tally.ReportAndAssert(output);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Restore_upload_and_download_post_never_answer_5xx_and_a_refusal_changes_nothing()
    {
        using var uploads = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            BackupRestore = o.BackupRestore with { UploadDirectory = uploads.Path },
        });
        var (client, token, _) = await emulator.LoginAsync();
        var name = (await JsonAssert.GetAsync(client, Resources.IloPaths.BackupRestoreService))["BackupFileLocation"]!.GetValue<string>()[BackupFileNames.UriPrefix.Length..];
        var backup = await client.GetByteArrayAsync(BackupFileNames.UriPrefix + name);
        client.Dispose();

        var tally = new FuzzTally("multipart over HTTP (restore upload, download POST)");
        await Gen.Select(Gen.Int, Gen.Int[0, ContentTypes.Length - 1], Gen.Bool).SampleAsync(
            async sample =>
            {
                var (seed, type, restore) = sample;
                var body = ByteMutator.Mutate(Body(token, backup, password: null), seed, maxMutations: 6);
                var before = emulator.Fleet[0].Configuration;
                using var http = emulator.Client();
                using var request = new HttpRequestMessage(HttpMethod.Post, restore ? BackupRestoreServiceResource.PushUri : BackupFileNames.UriPrefix + name)
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.Remove("Content-Type");
                if (ContentTypes[type] is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }

                request.Headers.Add("Cookie", "sessionKey=" + token);
                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    tally.Crash($"{status} for seed {seed}, content type {ContentTypes[type]}, restore {restore}");
                }
                else if (status >= 400 && !ReferenceEquals(before, emulator.Fleet[0].Configuration))
                {
                    tally.Crash($"{status} but the configuration changed, seed {seed}");
                }
                else if (status >= 400)
                {
                    tally.Rejected();
                }
                else
                {
                    tally.Accepted();
                    if (restore)
                    {
                        // A restore ends every session and takes no new work until its reset is over: wait it out, then carry on with a new session.
                        emulator.Time.Advance(emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
                        emulator.Time.Advance(emulator.Fleet.Options.ResetDuration + TimeSpan.FromSeconds(1));
                        var (again, newToken, _) = await emulator.LoginAsync();
                        again.Dispose();
                        token = newToken;
                    }
                }
            },
            iter: FuzzBudget.Iterations(300),
            threads: 1);
        Assert.Empty(Directory.GetFiles(uploads.Path, "*", SearchOption.AllDirectories));
        tally.ReportAndAssert(output);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Configuration;

namespace IloBackup.Cli.Tests.Emulator;

/// <summary>
/// Crash safety of a restore (issue 3): a real <c>ilobackup emulator</c> process is killed (SIGKILL)
/// while restores are being applied — as soon as the SRAM's temporary file appears, right after the
/// upload is sent, or after the answer — and every restart must find either the old or the new
/// configuration, whole.
/// </summary>
public sealed class RestoreCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Password = "Passw0rd!";

    [Fact]
    public async Task Killing_the_emulator_while_restores_are_applied_leaves_the_old_or_the_new_configuration()
    {
        var directory = Directory.CreateTempSubdirectory("ilobackup-crash-");
        try
        {
            byte[] a, b;
            await using (var emulator = await EmulatorProcess.StartAsync(directory.FullName))
            {
                using var client = await emulator.LoginAsync();
                await emulator.AddAccountAsync(client, "crash-a");
                a = await emulator.BackupAsync(client);
                await emulator.AddAccountAsync(client, "crash-b");
                b = await emulator.BackupAsync(client);
            }

            var expected = new[] { await PayloadAsync(a), await PayloadAsync(b) };
            var observed = new HashSet<string>(StringComparer.Ordinal);
            var killedMidWrite = 0;
            for (var round = 0; round < 9; round++)
            {
                await using var emulator = await EmulatorProcess.StartAsync(directory.FullName);
                var current = Sram(directory);
                Assert.Contains(current, expected);
                observed.Add(current);
                using var client = await emulator.LoginAsync();
                var file = round % 2 == 0 ? a : b;
                var restore = emulator.RestoreAsync(client, file);
                switch (round % 3)
                {
                    case 0:
                        await WaitForAsync(() => restore.IsCompleted || Directory.EnumerateFiles(directory.FullName, ".sram.json.*.tmp", SearchOption.AllDirectories).Any());
                        killedMidWrite += restore.IsCompleted ? 0 : 1;
                        break;
                    case 1:
                        break;
                    default:
                        await WaitForAsync(() => restore.IsCompleted);
                        break;
                }

                emulator.Kill();
                await Task.WhenAny(restore);
            }

            await using (var last = await EmulatorProcess.StartAsync(directory.FullName))
            {
                Assert.Contains(Sram(directory), expected);
                observed.Add(Sram(directory));
            }

            // The restores did take effect (both configurations were seen), so the kills hit real applies.
            Assert.Equal(2, observed.Count);
            output.WriteLine($"kills while the SRAM's temporary file existed: {killedMidWrite} of 3");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The configuration in a backup file, in the SRAM file's canonical JSON.</summary>
    private static async Task<string> PayloadAsync(byte[] file)
    {
        using var payload = new MemoryStream();
        await BackupFileCodec.VerifyAsync(new MemoryStream(file), null, payload);
        return Canonical(payload.ToArray());
    }

    private static string Sram(DirectoryInfo directory) =>
        Canonical(File.ReadAllBytes(Directory.GetFiles(directory.FullName, "sram.json", SearchOption.AllDirectories).Single()));

    private static string Canonical(byte[] json) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ConfigurationJsonContext.Default.IloConfiguration)!, ConfigurationJsonContext.Default.IloConfiguration);

    /// <summary>Polls an observable condition, bounded (no fixed sleep).</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Yield();
        }
    }

    private sealed class EmulatorProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private EmulatorProcess(Process process, Uri baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static async Task<EmulatorProcess> StartAsync(string stateDirectory)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "ilobackup.dll"), "emulator", "--port", "0", "--http",
                "--state-dir", stateDirectory, "--admin-password", Password, "--reset-seconds", "0",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Uri? url = null;
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("ilo 0: ", StringComparison.Ordinal))
                {
                    url = new Uri(line.Split(' ')[2]);
                }

                if (line.StartsWith("ready", StringComparison.Ordinal))
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new EmulatorProcess(process, url ?? throw new InvalidOperationException("no iLO line before ready"));
                }
            }

            throw new InvalidOperationException("the emulator exited before it was ready: " + await process.StandardError.ReadToEndAsync(limit.Token));
        }

        public async Task<HttpClient> LoginAsync()
        {
            var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseUrl };
            using var login = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "Administrator", ["Password"] = Password });
            Assert.Equal(HttpStatusCode.Created, login.StatusCode);
            client.DefaultRequestHeaders.Add("X-Auth-Token", login.Headers.GetValues("X-Auth-Token").Single());
            return client;
        }

        public async Task AddAccountAsync(HttpClient client, string user)
        {
            using var response = await client.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject { ["UserName"] = user, ["Password"] = "crash-Passw0rd", ["RoleId"] = "Operator" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<byte[]> BackupAsync(HttpClient client)
        {
            var service = await client.GetFromJsonAsync<JsonObject>("/redfish/v1/Managers/1/BackupRestoreService");
            return await client.GetByteArrayAsync(service!["BackupFileLocation"]!.GetValue<string>());
        }

        public async Task RestoreAsync(HttpClient client, byte[] file)
        {
            var token = client.DefaultRequestHeaders.GetValues("X-Auth-Token").Single();
            var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" }, { new ByteArrayContent(file), "file", "crash.bak" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/cgi-bin/uploadRestoreFile") { Content = form };
            request.Headers.Add("Cookie", "sessionKey=" + token);
            try
            {
                using var response = await client.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // Killed mid-request: expected.
            }
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }
    }
}

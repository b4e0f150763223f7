using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.TestSupport;
using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// The errors a user meets with a repository file, through the CLI: one clear line and the JSON code
/// <c>repository</c> (exit 1), no secret echoed, and nothing written when the key does not fit.
/// </summary>
public sealed class DescriptorErrorTests(S3rver s3) : IClassFixture<S3rver>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-descerr-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RemoteRepositoryFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_key_that_does_not_fit_is_refused_before_anything_is_written()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File);
        var before = await site.StoredObjectsAsync();
        var rows = await site.CatalogRowsAsync();

        // Another key under the same name: refused, nothing stored, no row added.
        File.Move(site.KeyFile, site.KeyFile + ".right");
        await RunOkAsync("repo", "key", "create", "--out", site.KeyFile);
        var error = await FailsAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File, "--json");
        Assert.Contains("key", error, StringComparison.Ordinal);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), (await site.StoredObjectsAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(rows, await site.CatalogRowsAsync());

        // No key named: the objects are encrypted.
        File.Move(site.KeyFile + ".right", site.KeyFile, overwrite: true);
        var text = await File.ReadAllTextAsync(site.File);
        await File.WriteAllTextAsync(site.File, text.Replace("encryption-key-file: repo.key", string.Empty, StringComparison.Ordinal));
        error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("encrypted", error, StringComparison.Ordinal);

        // The key file missing, then readable by others.
        await File.WriteAllTextAsync(site.File, text.Replace("repo.key", "gone.key", StringComparison.Ordinal));
        error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("gone.key", error, StringComparison.Ordinal);
        await File.WriteAllTextAsync(site.File, text);
        File.SetUnixFileMode(site.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("repo.key", error, StringComparison.Ordinal);
        File.SetUnixFileMode(site.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await RunOkAsync("history", "--repo", site.File);
    }

    [RemoteRepositoryFact]
    public async Task A_key_given_to_a_plain_store_is_refused()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3, encrypted: false);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File);
        await RunOkAsync("repo", "key", "create", "--out", site.KeyFile);
        await File.AppendAllTextAsync(site.File, "\nencryption-key-file: repo.key\n");

        var error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("not encrypted", error, StringComparison.Ordinal);
    }

    [RemoteRepositoryFact]
    public async Task Postgres_unreachable_or_a_wrong_password_is_clear_and_never_shows_the_password()
    {
        var site = await DescriptorSite.PostgresS3Async(_directory, s3, encrypted: false);
        var text = await File.ReadAllTextAsync(site.File);
        var port = PostgresServer.Shared!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await File.WriteAllTextAsync(site.File, text.Replace(":" + port + "/", ":" + ClosedPort() + "/", StringComparison.Ordinal));
        var error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("PostgreSQL", error, StringComparison.Ordinal);

        var wrong = Path.Combine(site.Folder, "wrong-password");
        await File.WriteAllTextAsync(wrong, "not-the-password-4711\n");
        await File.WriteAllTextAsync(site.File, text.Replace(Uri.EscapeDataString(PostgresServer.Shared.PasswordFile), Uri.EscapeDataString(wrong), StringComparison.Ordinal)
            .Replace(PostgresServer.Shared.PasswordFile, wrong, StringComparison.Ordinal));
        error = await FailsAsync("history", "--repo", site.File, "--json");
        Assert.Contains("password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-4711", error, StringComparison.Ordinal);
    }

    [RemoteRepositoryFact]
    public async Task S3_unreachable_or_wrong_credentials_is_clear_and_never_shows_the_secret()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3, encrypted: false);
        var text = await File.ReadAllTextAsync(site.File);

        await File.WriteAllTextAsync(site.File, text.Replace(s3.Endpoint.ToString(), $"http://127.0.0.1:{ClosedPort()}/", StringComparison.Ordinal));
        var error = await FailsAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File, "--json");
        Assert.Contains("s3://", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(site.File, text);
        await File.WriteAllTextAsync(site.CredentialsFile, "[default]\naws_access_key_id = NOBODY\naws_secret_access_key = wrong-secret-0815\n");
        error = await FailsAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File, "--json");
        Assert.Contains("s3://", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-0815", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ilobackup-repository: 1\ncatalog: [sqlite:x\n", "not valid YAML")]
    [InlineData("catalog: sqlite:catalog.db\nobjects: file:objects\n", "not an ilobackup repository file")]
    [InlineData("ilobackup-repository: 1\ncatalog: sqlite:c.db\nobjects: file:o\ns3-secret-key: hunter2-secret\n", "never holds a secret")]
    [InlineData("ilobackup-repository: 1\ncatalog: postgresql://u:hunter2-secret@127.0.0.1/db\nobjects: file:o\n", "password")]
    public async Task A_malformed_repository_file_names_the_file_and_line_and_never_echoes_a_secret(string content, string expected)
    {
        var file = Path.Combine(_directory, "site.yaml");
        await File.WriteAllTextAsync(file, content);

        var error = await FailsAsync("history", "--repo", file, "--json");

        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error, StringComparison.Ordinal);
    }

    /// <summary>Runs a verb that must fail: exit 1, JSON code <c>repository</c>, one <c>error:</c> line; returns that line.</summary>
    private static async Task<string> FailsAsync(params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        Assert.True(code == ExitCodes.Failed, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
        Assert.True((string?)JsonNode.Parse(output)!["error"]!["code"] == "repository", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        return line;
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Text.Json.Nodes;
using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Cli.Tests.Repository;

public sealed class RepoKeyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-repokey-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Key_create_writes_a_0600_key_file_and_tells_to_keep_a_copy()
    {
        var path = Path.Combine(_directory, "repo.key");

        var (code, output, error) = await CliRun.RunAsync("repo", "key", "create", "--out", path);

        Assert.True(code == 0, error);
        using var key = RepositoryKeyFile.Load(path);
        Assert.Contains($"created repository key {key.IdHex} in {path} (mode 0600)", output, StringComparison.Ordinal);
        Assert.Contains("keep a copy", output, StringComparison.Ordinal);
        Assert.Contains("unreadable", output, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(path).Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..], output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Key_create_json_names_the_file_and_the_key_id()
    {
        var path = Path.Combine(_directory, "repo.key");

        var (code, output, error) = await CliRun.RunAsync("repo", "key", "create", "--out", path, "--json");

        Assert.True(code == 0, error);
        var json = JsonNode.Parse(output)!.AsObject();
        using var key = RepositoryKeyFile.Load(path);
        Assert.Equal(path, (string?)json["keyFile"]);
        Assert.Equal(key.IdHex, (string?)json["keyId"]);
        Assert.Equal(2, json.Count);
    }

    [Fact]
    public async Task Key_create_never_overwrites_an_existing_file()
    {
        var path = Path.Combine(_directory, "repo.key");
        await File.WriteAllTextAsync(path, "precious");

        var (code, output, error) = await CliRun.RunAsync("repo", "key", "create", "--out", path, "--json");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("never overwritten", error, StringComparison.Ordinal);
        Assert.Equal("repository", (string?)JsonNode.Parse(output)!["error"]!["code"]);
        Assert.Equal("precious", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Key_create_without_out_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("repo", "key", "create");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }
}

using IloBackup.Engine.Identity;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Repository;

public sealed class RepositoryCommandsTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("cli-repo-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }

    private async Task<(BackupEntry A1, BackupEntry A2, BackupEntry B1)> SeedAsync()
    {
        await using var repo = await BackupRepository.OpenAsync(_repo, null, CancellationToken.None);
        var t = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        NewBackupEntry Entry(string serial, int day, string snapshot) => new()
        {
            Host = $"https://{serial}.lab/", Outcome = BackupOutcome.Succeeded, TakenAt = t.AddDays(day),
            Identity = new IloIdentity(serial, "ProLiant DL360 Gen10 Plus", null, "iLO 5", "2.78"), Snapshot = snapshot,
            FileName = $"HPE_{serial}_x.bak",
        };
        var a1 = await repo.StoreAsync(Entry("MXQA", 0, """{"host":"a"}"""), new MemoryStream("a1"u8.ToArray()), default);
        var a2 = await repo.StoreAsync(Entry("MXQA", 1, """{"host":"a"}"""), new MemoryStream("a2"u8.ToArray()), default);
        var b1 = await repo.StoreAsync(Entry("MXQB", 1, """{"host":"b"}"""), new MemoryStream("b1"u8.ToArray()), default);
        await repo.AddFailureAsync(
            new NewBackupEntry
            {
                Host = "https://dead.lab/", Outcome = BackupOutcome.Failed, TakenAt = t.AddDays(2), FailureReason = "unreachable",
            },
            default);
        return (a1, a2, b1);
    }

    [Fact]
    public async Task History_lists_newest_first_and_filters_by_serial()
    {
        var (a1, a2, _) = await SeedAsync();
        var (code, output, _) = await RunAsync("history", "--repo", _repo);
        Assert.Equal(0, code);
        Assert.Contains("reason: unreachable", output, StringComparison.Ordinal);
        Assert.Contains("4 entries", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("history", "--repo", _repo, "--serial", "MXQA", "--json");
        Assert.Equal(0, code);
        var array = JsonNode.Parse(output)!.AsArray();
        Assert.Equal([a2.Id, a1.Id], array.Select(n => (long)n!["id"]!));
        Assert.True((bool)array[0]!["snapshotUnchanged"]!);
    }

    [Fact]
    public async Task Show_prints_metadata_and_the_snapshot()
    {
        var (_, a2, _) = await SeedAsync();
        var (code, output, _) = await RunAsync("show", a2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", _repo);
        Assert.Equal(0, code);
        Assert.Contains("MXQA", output, StringComparison.Ordinal);
        Assert.Contains(a2.Sha256!, output, StringComparison.Ordinal);
        Assert.Contains("unchanged since the previous backup", output, StringComparison.Ordinal);
        Assert.Contains("\"host\": \"a\"", output, StringComparison.Ordinal);

        (code, _, var error) = await RunAsync("show", "999", "--repo", _repo);
        Assert.Equal(1, code);
        Assert.StartsWith("error: no backup 999", error, StringComparison.Ordinal);
        (code, _, _) = await RunAsync("show", "abc", "--repo", _repo);
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Verify_detects_a_corrupted_object()
    {
        var (_, _, b1) = await SeedAsync();
        var (code, output, _) = await RunAsync("verify", "--repo", _repo);
        Assert.Equal(0, code);
        Assert.Contains("3 objects checked, 0 corrupt, 0 missing", output, StringComparison.Ordinal);

        var path = Path.Combine(_repo, "objects", b1.Sha256![..2], b1.Sha256);
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("b2"));
        (code, output, var error) = await RunAsync("verify", "--repo", _repo, "--json");
        Assert.Equal(1, code);
        var corrupt = JsonNode.Parse(output)!["corrupt"]!.AsArray();
        Assert.Equal(b1.Sha256, (string)Assert.Single(corrupt)!["sha256"]!);
        Assert.Contains("damaged or missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_needs_a_policy_and_keeps_the_last_good_backup()
    {
        var (a1, _, _) = await SeedAsync();
        var (code, _, error) = await RunAsync("prune", "--repo", _repo);
        Assert.Equal(2, code);
        Assert.Contains("--keep-last", error, StringComparison.Ordinal);

        (code, var output, _) = await RunAsync("prune", "--repo", _repo, "--keep-last", "1", "--json");
        Assert.Equal(0, code);
        var removed = JsonNode.Parse(output)!["removed"]!.AsArray();
        Assert.Equal(a1.Id, (long)Assert.Single(removed)!["id"]!);
    }

    [Fact]
    public async Task Diff_accepts_repository_ids()
    {
        var (a1, a2, b1) = await SeedAsync();
        var id = (BackupEntry e) => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, output, _) = await RunAsync("diff", id(a1), id(a2), "--repo", _repo);
        Assert.Equal(0, code);
        Assert.Contains("no differences", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("diff", id(a1), "#" + id(b1), "--repo", _repo, "--json");
        Assert.Equal(0, code);
        var change = Assert.Single(JsonNode.Parse(output)!.AsArray());
        Assert.Equal("\"b\"", change!["after"]!.ToJsonString());
    }

    [Fact]
    public async Task A_missing_repository_is_one_clear_error()
    {
        var (code, _, error) = await RunAsync("history", "--repo", Path.Combine(_repo, "none"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: no repository at", error, StringComparison.Ordinal);
    }
}

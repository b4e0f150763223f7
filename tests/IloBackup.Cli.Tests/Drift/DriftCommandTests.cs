using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Cli.Tests.Drift;

/// <summary>
/// <c>ilobackup drift</c> over a repository filled by real fleet backups of emulated iLOs (their snapshots as the
/// SnapshotReader takes them): the table, the JSON, exit 4 on deviations and 0 once fixed, same-as, tags from the
/// inventory, and bad baseline files (exit 2).
/// </summary>
public sealed class DriftCommandTests
{
    private static readonly string[] Ntp = ["ntp1.example.com", "ntp2.example.com"];

    [Fact]
    public async Task Deviations_exit_4_with_a_table_and_json_and_a_fixed_server_exits_0()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        SetNtp(emulated.Fleet[0], Ntp);
        SetNtp(emulated.Fleet[1], ["ntp9.example.com"]);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        var baseline = await WriteAsync(emulated, "baseline.yaml", $"""
            default:
              ntp-servers: [{string.Join(", ", Ntp)}]
              accounts: [{emulated.Fleet.AdminUser}]
            """);
        var good = Serial(emulated.Fleet[0]);
        var drifted = Serial(emulated.Fleet[1]);

        var (code, output, error) = await CliRun.RunAsync("drift", "--baseline", baseline, "--repo", emulated.Repository);

        Assert.True(code == ExitCodes.Findings, $"exit {code}\n{output}{error}");
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith(good, StringComparison.Ordinal) && l.EndsWith("matches default", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(drifted, StringComparison.Ordinal) && l.Contains("DRIFTED: 1 deviation(s) from default", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ntp-servers", StringComparison.Ordinal) && l.Contains("ntp1.example.com, ntp2.example.com", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith("ntp9.example.com", StringComparison.Ordinal));
        Assert.Contains("2 servers: 1 matching, 1 drifted, 0 not checked", output, StringComparison.Ordinal);

        var json = await RunJsonAsync(ExitCodes.Findings, "drift", "--baseline", baseline, "--repo", emulated.Repository, "--json");
        Assert.Equal(4, (int)json["summary"]!["exitCode"]!);
        Assert.Equal(1, (int)json["summary"]!["drifted"]!);
        var server = json["servers"]!.AsArray().Single(s => (string?)s!["serialNumber"] == drifted)!;
        Assert.Equal("drifted", (string?)server["status"]);
        Assert.NotNull((long?)server["backupId"]);
        var deviation = server["deviations"]!.AsArray().Single()!;
        Assert.Equal(("default", "ntp-servers", "ntp1.example.com, ntp2.example.com", "ntp9.example.com"),
            ((string?)deviation["baseline"], (string?)deviation["setting"], (string?)deviation["expected"], (string?)deviation["actual"]));

        // Fixed on the iLO and backed up again: the newest good backup is what counts.
        SetNtp(emulated.Fleet[1], [.. Ntp.Reverse()]);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        var (fixedCode, fixedOutput, _) = await CliRun.RunAsync("drift", "--baseline", baseline, "--repo", emulated.Repository);
        Assert.True(fixedCode == ExitCodes.Ok, fixedOutput);
        Assert.Contains("2 servers: 2 matching, 0 drifted", fixedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_as_and_tags_from_the_inventory_and_a_host_never_backed_up()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        SetNtp(emulated.Fleet[0], Ntp);
        SetNtp(emulated.Fleet[1], ["ntp9.example.com"]);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        var history = await RunJsonAsync(ExitCodes.Ok, "history", "--repo", emulated.Repository, "--json");
        var reference = (long)history.AsArray().Single(e => (string?)e!["serialNumber"] == Serial(emulated.Fleet[0]))!["id"]!;
        var inventory = await WriteAsync(emulated, "tags.yaml", $"""
            hosts:
              - host: "{Address(emulated.Fleet[0])}"
                tags: [prod]
              - host: "{Address(emulated.Fleet[1])}"
                tags: [lab, prod]
              - host: "https://127.0.0.1:1"
                tags: [prod]
            """);
        var baseline = await WriteAsync(emulated, "baseline.yaml", $"""
            tags:
              prod:
                same-as: {reference}
              lab:
                ntp-servers: [ntp9.example.com]
            """);

        var json = await RunJsonAsync(ExitCodes.Findings, "drift", "--baseline", baseline, "--repo", emulated.Repository, "--inventory", inventory, "--json");

        var servers = json["servers"]!.AsArray().ToDictionary(s => (string?)s!["serialNumber"] ?? (string)s["host"]!, s => s!);
        Assert.Equal(3, servers.Count);
        Assert.Equal("matches", (string?)servers[Serial(emulated.Fleet[0])]["status"]);
        var lab = servers[Serial(emulated.Fleet[1])];
        Assert.Equal(["tag prod", "tag lab"], lab["baselines"]!.AsArray().Select(b => (string)b!));
        var deviation = Assert.Single(lab["deviations"]!.AsArray());
        Assert.Equal(("tag prod", "ntp-servers"), ((string?)deviation!["baseline"], (string?)deviation["setting"]));
        var never = servers["https://127.0.0.1:1"];
        Assert.Equal(("no-good-backup", null), ((string?)never["status"], (long?)never["backupId"]));
        Assert.Equal(1, (int)json["summary"]!["unchecked"]!);
    }

    [Theory]
    [InlineData("default:\n  ntp-server: [a]\n", "baseline.yaml:2: unknown key 'ntp-server' in baseline 'default'")]
    [InlineData("default:\n  same-as: 999\n", "baseline.yaml:2: baseline 'default': same-as backup 999 is not in the repository")]
    [InlineData("default: [a, b]\n", "baseline.yaml:1: baseline 'default' must be a mapping")]
    public async Task A_bad_baseline_file_is_a_usage_error_naming_its_line(string yaml, string message)
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        await RunOkAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        var baseline = await WriteAsync(emulated, "baseline.yaml", yaml);

        var (code, output, error) = await CliRun.RunAsync("drift", "--baseline", baseline, "--repo", emulated.Repository);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: {emulated.Directory}/{message}", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));

        var json = await RunJsonAsync(ExitCodes.Usage, "drift", "--baseline", baseline, "--repo", emulated.Repository, "--json");
        Assert.Equal("usage", (string?)json["error"]!["code"]);
    }

    [Fact]
    public async Task A_missing_baseline_file_is_a_usage_error_before_the_repository_is_opened()
    {
        var directory = Directory.CreateTempSubdirectory("cli-drift-").FullName;
        try
        {
            var repository = Path.Combine(directory, "repo");
            var (code, _, error) = await CliRun.RunAsync("drift", "--baseline", Path.Combine(directory, "none.yaml"), "--repo", repository);

            Assert.Equal(ExitCodes.Usage, code);
            Assert.Equal($"error: --baseline: no such file: {directory}/none.yaml", error.Trim());
            Assert.False(Directory.Exists(repository));
            var (missingFlag, _, flagError) = await CliRun.RunAsync("drift", "--repo", repository);
            Assert.Equal(ExitCodes.Usage, missingFlag);
            Assert.Contains("--baseline", flagError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void SetNtp(VirtualIlo ilo, string[] servers) =>
        ilo.Change(c => c.Configuration = c.Configuration with { Time = c.Configuration.Time with { NtpServers = servers } });

    private static string Serial(VirtualIlo ilo) => ilo.Identity.ServerSerial;

    private static string Address(VirtualIlo ilo) => ilo.BaseUrl.ToString().TrimEnd('/');

    private static async Task<string> WriteAsync(EmulatedFleet emulated, string name, string text)
    {
        var path = Path.Combine(emulated.Directory, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        Assert.True(code == ExitCodes.Ok, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
    }

    private static async Task<JsonNode> RunJsonAsync(int expected, params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        Assert.True(code == expected, $"{string.Join(' ', args)}: exit {code}\n{output}{error}");
        return JsonNode.Parse(output)!;
    }
}

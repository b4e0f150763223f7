using IloBackup.Cli.Fleet;
using IloBackup.Cli.Tests.Golden;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;

namespace IloBackup.Cli.Tests.Readable;

/// <summary>Issue 15, "Readable output": the HTML report lists failures first, shows a short hash, lets the reason wrap.</summary>
public sealed class FleetHtmlReportTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("html-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Failures_come_first_the_hash_is_short_and_the_reason_wraps()
    {
        var report = new FleetReport(
        [
            Ok(1), Failed(2, "login as 'Administrator' refused (HTTP 401): wrong user name or password"), Ok(3),
            Failed(4, "no result within the deadline of 300 s; last failure: GET /redfish/v1/: no answer within 60 s"),
        ], new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(42));
        var path = Path.Combine(_directory, "report.html");

        await FleetHtmlReport.WriteAsync(path, "ilobackup fleet backup", report, CancellationToken.None);

        var html = await File.ReadAllTextAsync(path);
        var order = new[] { "ilo2.lab", "ilo4.lab", "ilo1.lab", "ilo3.lab" }.Select(h => html.IndexOf($"<td>{h}</td>", StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains($"<code title=\"{Hash}\">{Hash[..12]}</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">{Hash}<", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"reason\">no result within the deadline", html, StringComparison.Ordinal);
        Assert.Contains("td.reason{white-space:normal", html, StringComparison.Ordinal);
        Assert.Null(GoldenFiles.Check("output/fleet-report.html", html));
    }

    private static InventoryHost Host(int n) => new($"ilo{n}.lab", new Uri($"https://ilo{n}.lab/"), null, null, null, null, [], n);

    private static HostOutcome Ok(int n) => new()
    {
        Host = Host(n), Status = HostStatus.Succeeded, Attempts = 1, Duration = TimeSpan.FromSeconds(n),
        Result = new HostResult
        {
            Identity = new IloIdentity($"MXQ{n}", "ProLiant DL360 Gen10 Plus", "P19766-B21", "iLO 5", "2.78"),
            BackupId = n, Sha256 = Hash, Size = 15_360, SnapshotUnchanged = true,
        },
    };

    private static HostOutcome Failed(int n, string reason) => new()
    {
        Host = Host(n), Status = HostStatus.Failed, Attempts = 1, Duration = TimeSpan.FromSeconds(n), Reason = reason,
    };
}

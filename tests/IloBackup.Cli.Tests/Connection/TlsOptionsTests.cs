using System.Collections.Concurrent;
using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.Connection;

/// <summary>One TLS options type: single-iLO and fleet verbs refuse the same mistakes the same way, before any connection.</summary>
public sealed class TlsOptionsTests
{
    [Fact]
    public async Task A_missing_ca_file_is_a_usage_error_for_single_and_fleet_verbs_alike_before_any_request()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var requests = new ConcurrentQueue<string>();
        emulated.Fleet.Overrides.Add((_, _) => true, (context, _, next) =>
        {
            requests.Enqueue(context.Request.Path.Value ?? string.Empty);
            return next(context);
        });
        var missing = Path.Combine(emulated.Directory, "no-such-ca.pem");

        var single = await RunAsync("backup", emulated.Fleet[0].BaseUrl.ToString(), "-o", emulated.Directory + "/", "--ca-file", missing,
            "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!);
        var fleet = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--ca-file", missing);

        Assert.Equal(2, single.Code);
        Assert.Equal(2, fleet.Code);
        Assert.Contains($"--ca-file: {missing} does not exist", single.Err, StringComparison.Ordinal);
        Assert.Contains($"--ca-file: {missing} does not exist", fleet.Err, StringComparison.Ordinal);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task Insecure_with_another_trust_option_is_refused_by_both()
    {
        var single = await RunAsync("backup", "https://127.0.0.1:1", "--insecure", "--trust-new", "--user", "u", "--password-file", "/dev/null");
        var fleet = await RunAsync("fleet", "backup", "--inventory", "/dev/null", "--repo", "/tmp/unused", "--insecure", "--trust-new");
        Assert.Equal(2, single.Code);
        Assert.Equal(2, fleet.Code);
        Assert.Contains("--insecure cannot be combined with --ca-file", single.Err, StringComparison.Ordinal);
        Assert.Contains("--insecure cannot be combined with --ca-file", fleet.Err, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}

namespace IloBackup.Cli.Tests.Secrets;

/// <summary>
/// A user who writes the iLO's password into its address (<c>https://admin:secret@ilo1</c>) gets the
/// address refused, and the refusal never repeats the password: not for a host on the command line,
/// nor for one in an inventory (YAML or a plain list), in the table or in <c>--json</c>.
/// </summary>
public sealed class AddressPasswordTests : IDisposable
{
    private const string Secret = "Hunter2-pw/x?y";
    private readonly string _dir = Directory.CreateTempSubdirectory("ilobackup-address-pw-").FullName;

    [Theory]
    [InlineData("https://admin:" + Secret + "@127.0.0.1:9")]
    [InlineData("admin:" + Secret + "@127.0.0.1:9")]
    [InlineData("ftp://admin:" + Secret + "@127.0.0.1:9")]
    public async Task A_host_with_a_password_in_it_is_refused_without_repeating_the_password(string host)
    {
        foreach (var json in new[] { false, true })
        {
            string[] args = json
                ? ["backup", host, "--output", _dir + "/", "--json"]
                : ["backup", host, "--output", _dir + "/"];
            var (code, output, error) = await CliRun.RunAsync(args);

            Assert.Equal(2, code);
            Assert.Contains("127.0.0.1:9", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("Hunter2", output + error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fleet.yaml", "hosts:\n  - host: \"https://admin:" + Secret + "@10.0.0.1\"\n")]
    [InlineData("fleet.yaml", "hosts:\n  - host: \"admin:" + Secret + "@10.0.0.1\"\n")]
    [InlineData("fleet.yaml", "hosts:\n  - host: \"ftp://admin:" + Secret + "@10.0.0.1\"\n")]
    [InlineData("fleet.txt", "https://admin:" + Secret + "@10.0.0.1\n")]
    public async Task An_inventory_host_with_a_password_in_it_is_refused_without_repeating_the_password(string name, string text)
    {
        var inventory = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(inventory, text);
        foreach (var json in new[] { false, true })
        {
            string[] args = json
                ? ["fleet", "backup", "--inventory", inventory, "--repo", Path.Combine(_dir, "repo"), "--json"]
                : ["fleet", "backup", "--inventory", inventory, "--repo", Path.Combine(_dir, "repo")];
            var (code, output, error) = await CliRun.RunAsync(args);

            Assert.Equal(2, code);
            Assert.Contains("10.0.0.1", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("Hunter2", output + error, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using IloBackup.Cli.Tests.Fleet;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.Secrets;

/// <summary>
/// Issue 6: passwords and session tokens appear in no output of the CLI verbs (stdout, stderr,
/// with <c>--verbose</c>, on success and on failure) nor in any file they write (reports,
/// sidecars, the repository's catalog).
/// </summary>
public sealed class SecretLeakTests
{
    private const string FilePassword = "file-Secret-9876";

    [Fact]
    public async Task Single_ilo_verbs_never_print_a_password_or_a_token()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var variable = "ILOBACKUP_TEST_LEAK_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, FilePassword);
        var wrongPasswordFile = Path.Combine(ilo.Directory, "wrong");
        await File.WriteAllTextAsync(wrongPasswordFile, "Wrong-Passw0rd-42\n");
        var captured = new List<string>();
        try
        {
            var output = Path.Combine(ilo.Directory, "out");
            Directory.CreateDirectory(output);
            await RunOkAsync(captured, ilo.Args("backup", ilo.Host, "-o", output, "--verbose"));
            var protectedOutput = Directory.CreateDirectory(Path.Combine(ilo.Directory, "protected")).FullName;
            await RunOkAsync(captured, ilo.Args("backup", ilo.Host, "-o", protectedOutput, "--json", "--verbose", "--file-password-env", variable));
            var file = Directory.GetFiles(output, "*.bak").First();
            await RunAsync(captured, ilo.Args("inspect", file, "--verbose"));
            await RunAsync(captured, ilo.Args("restore", ilo.Host, file, "--dry-run", "--json", "--verbose"));
            await RunOkAsync(captured, ilo.Args("restore", ilo.Host, file, "--yes", "--poll-interval", "20ms", "--verbose"));
            await RunAsync(captured, "backup", ilo.Host, "-o", output, "--user", TestIlo.AdminUser, "--password-file", wrongPasswordFile, "--verbose");
            captured.AddRange(Directory.GetFiles(output).Concat(Directory.GetFiles(protectedOutput)).Where(f => !f.EndsWith(".bak", StringComparison.Ordinal)).Select(File.ReadAllText));

            Assert.NotEmpty(ilo.IssuedTokens);
            string[] secrets = [TestIlo.AdminPassword, FilePassword, "Wrong-Passw0rd-42", .. ilo.IssuedTokens];
            AssertNoSecret(captured, secrets);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Fleet_runs_reports_and_repository_commands_never_print_the_password()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var wrong = Path.Combine(emulated.Directory, "wrong.pw");
        await File.WriteAllTextAsync(wrong, "Wrong-Fleet-Passw0rd\n");
        var html = Path.Combine(emulated.Directory, "report.html");
        var captured = new List<string>();

        await RunOkAsync(captured, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--html", html, "--verbose");
        await RunOkAsync(captured, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--verbose");
        await RunOkAsync(captured, "history", "--repo", emulated.Repository, "--json");
        await RunOkAsync(captured, "show", "1", "--repo", emulated.Repository);
        await RunOkAsync(captured, "verify", "--repo", emulated.Repository, "--json");
        var yaml = await File.ReadAllTextAsync(emulated.Inventory);
        var badInventory = Path.Combine(emulated.Directory, "bad.yaml");
        await File.WriteAllTextAsync(badInventory, yaml.Replace("password-file: ", "password-file: " + wrong + " # ", StringComparison.Ordinal));
        Assert.NotEqual(0, await RunAsync(captured, "fleet", "backup", "--inventory", badInventory, "--repo", emulated.Repository, "--json", "--verbose"));
        captured.Add(await File.ReadAllTextAsync(html));
        captured.AddRange(Directory.GetFiles(emulated.Repository, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("objects", StringComparison.Ordinal))
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));

        AssertNoSecret(captured, [emulated.Fleet.AdminPassword, "Wrong-Fleet-Passw0rd"]);
        Assert.All(emulated.Fleet.Ilos, i => Assert.Equal(0, i.Sessions.Count));
    }

    private static async Task RunOkAsync(List<string> captured, params string[] args)
    {
        var code = await RunAsync(captured, args);
        Assert.True(code == 0, $"exit {code}: {captured[^1]}");
    }

    private static async Task<int> RunAsync(List<string> captured, params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        captured.Add(string.Join(' ', args) + "\n" + output + error);
        return code;
    }

    private static void AssertNoSecret(IEnumerable<string> captured, IReadOnlyList<string> secrets)
    {
        foreach (var text in captured)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a secret ({secret.Length} chars) appears in: {text[..Math.Min(text.Length, 300)]}");
            }
        }
    }
}

namespace IloBackup.Cli.Tests.Settings;

/// <summary>
/// Issue 13 item 5: each single-iLO verb's settings step refuses a bad command line (exit 2) before a
/// secret is read, the repository is opened or the iLO is contacted. The iLO password file does not
/// exist (reading it would fail with another message) and the address takes no connection unnoticed.
/// </summary>
public sealed class SingleIloSettingsTests
{
    public static TheoryData<string, string[]> Mistakes => new()
    {
        { "give one of --file-password-env, --file-password-file and --file-password", ["backup", "HOST", "--file-password-env", "X", "--file-password-file", "Y"] },
        { "the iLO password and the file password cannot both come from stdin", ["backup", "HOST", "--password-stdin", "--file-password-file", "-"] },
        { "--ca-file: ", ["backup", "HOST", "--ca-file", "MISSING", "--file-password-env", "ILOBACKUP_TEST_NO_SUCH_VARIABLE"] },
        { "--max-backup-size", ["backup", "HOST", "--max-backup-size", "lots", "--file-password-env", "ILOBACKUP_TEST_NO_SUCH_VARIABLE"] },
        { "--timeout", ["backup", "HOST", "--timeout", "soon"] },
        { "--insecure cannot be combined", ["custom-backup", "HOST", "--insecure", "--trust-new"] },
        { "give --enable or --disable, not both", ["custom-backup", "HOST", "--enable", "--disable"] },
        { "give --password-file or --password-stdin, not both", ["custom-backup", "HOST", "--password-stdin", "--password-file", "MISSING"] },
        { "nand delete needs the backup's ID", ["nand", "HOST", "delete"] },
        { "--poll-interval", ["nand", "HOST", "restore", "1", "--yes", "--poll-interval", "soon"] },
        { "confirm with --yes when not at a terminal", ["nand", "HOST", "restore", "1"] },
        { "give a backup FILE or --repo/--backup/--at, not both", ["restore", "HOST", "MISSING", "--repo", "REPO"] },
        { "give --backup or --at, not both", ["restore", "HOST", "--repo", "REPO", "--backup", "1", "--at", "2026-11-20"] },
        { "--at: 'whenever' is not a time", ["restore", "HOST", "--repo", "REPO", "--at", "whenever", "--yes"] },
        { "'abc' is not a backup id", ["restore", "HOST", "--repo", "REPO", "--backup", "abc", "--yes"] },
        { "--poll-interval", ["restore", "HOST", "--repo", "REPO", "--poll-interval", "soon", "--yes"] },
        { "--new-password-env/--new-password-file need --new-user", ["restore", "HOST", "--repo", "REPO", "--new-password-env", "X", "--yes"] },
        { "does not exist", ["restore", "HOST", "MISSING", "--yes"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_usage_mistake_is_refused_before_any_secret_repository_or_connection(string expected, string[] template)
    {
        using var ilo = new NoListenerIlo();
        var scratch = Path.Combine(Path.GetTempPath(), $"settings-{Guid.NewGuid():N}");
        var args = template.Select(a => a switch
        {
            "HOST" => ilo.Host,
            "MISSING" => Path.Combine(scratch, "missing"),
            "REPO" => Path.Combine(scratch, "repo"),
            _ => a,
        }).Concat(template.Contains("--password-stdin") ? [] : ["--password-file", Path.Combine(scratch, "pw")]).ToArray();

        var (code, output, error) = await CliRun.RunAsync("never-read\n", CancellationToken.None, args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(ilo.WasContacted, "the iLO was contacted");
        Assert.False(Directory.Exists(scratch), "something was written");
    }

    [Fact]
    public async Task A_valid_command_line_does_reach_the_address()
    {
        // The counterpart that keeps the test above honest: past the settings step, the verb connects.
        using var ilo = new NoListenerIlo();
        var password = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(password, "secret\n");
            using var stop = new CancellationTokenSource();
            var run = CliRun.RunAsync(null, stop.Token, "custom-backup", ilo.Host, "--password-file", password, "--insecure");
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            using var connection = await ilo.AcceptAsync(guard.Token);
            await stop.CancelAsync();
            var (code, _, _) = await run;

            Assert.NotEqual(0, code);
        }
        finally
        {
            File.Delete(password);
        }
    }
}

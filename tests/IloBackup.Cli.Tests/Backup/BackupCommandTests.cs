using System.Text.Json.Nodes;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.Backup;

public sealed class BackupCommandTests
{
    [Fact]
    public async Task Backup_writes_the_iLO_file_name_with_metadata_and_shows_a_table()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (code, output, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "--output", ilo.Directory, "--verbose"));
        Assert.True(code == ExitCodes.Ok, error);
        var file = ilo.BackupFile();
        Assert.StartsWith($"HPE_{ilo.Ilo.Identity.ServerSerial}_", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.True(File.Exists(file + ".json"));
        Assert.Contains(Path.GetFileName(file), output, StringComparison.Ordinal);
        Assert.Contains("sha256", output, StringComparison.Ordinal);
        Assert.Contains("downloading", error, StringComparison.Ordinal);
        Assert.Contains("logged out", error, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIlo.AdminPassword, output + error, StringComparison.Ordinal);
        Assert.NotEmpty(ilo.IssuedTokens);
        Assert.All(ilo.IssuedTokens, token => Assert.DoesNotContain(token, output + error, StringComparison.Ordinal));
        Assert.Equal(0, ilo.Ilo.Sessions.Count);
    }

    [Fact]
    public async Task Json_output_is_one_document_without_the_snapshot()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (code, output, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory + "/", "--json"));
        Assert.True(code == ExitCodes.Ok, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(ilo.Ilo.Identity.ServerSerial, json["serialNumber"]!.GetValue<string>());
        Assert.True(json["snapshot"]!.GetValue<bool>());
        Assert.Equal(64, json["sha256"]!.GetValue<string>().Length);
        Assert.Empty(error);
    }

    [Fact]
    public async Task A_file_password_from_a_variable_protects_the_file()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var variable = "ILOBACKUP_TEST_FILE_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "file-secret-1");
        try
        {
            var (code, output, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory, "--file-password-env", variable, "--no-snapshot"));
            Assert.True(code == ExitCodes.Ok, error);
            Assert.Contains("password-protected", output, StringComparison.Ordinal);
            Assert.DoesNotContain("file-secret-1", output + error, StringComparison.Ordinal);
            Assert.Contains(ilo.Requests, r => r.StartsWith("POST /bkupdata/", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Passwords_are_never_taken_from_argv()
    {
        var (code, _, error) = await CliRun.RunAsync("backup", "127.0.0.1:1", "--password", "hunter2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_password_source_and_no_terminal_it_is_a_usage_error()
    {
        Assert.Null(Environment.GetEnvironmentVariable("ILO_PASSWORD"));
        var (code, _, error) = await CliRun.RunAsync("backup", "127.0.0.1:1", "--user", "admin");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: no iLO password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_passwords_from_stdin_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("pw\nfilepw\n", CancellationToken.None,
            "backup", "127.0.0.1:1", "--password-stdin", "--file-password-file", "-");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("both come from stdin", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_and_unreachable_hosts_get_one_clear_error_line()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        await File.WriteAllTextAsync(ilo.PasswordFile, "wrong-password");
        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory));
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("wrong user name or password", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-password", error, StringComparison.Ordinal);

        var port = ilo.Ilo.Port;
        await ilo.StopIloAsync();
        var (code2, _, error2) = await CliRun.RunAsync(ilo.Args("backup", $"http://127.0.0.1:{port}", "-o", ilo.Directory, "--timeout", "5s"));
        Assert.Equal(ExitCodes.Failed, code2);
        Assert.Contains("cannot connect", error2, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupting_a_backup_exits_130_with_no_partial_file_and_no_session()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = ilo.Fleet.Overrides.StallDownloads(started, gate.Task);
        using var interrupt = new CancellationTokenSource();
        var run = CliRun.RunAsync(null, interrupt.Token, ilo.Args("backup", ilo.Host, "-o", ilo.Directory));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await interrupt.CancelAsync();
        var (code, _, error) = await run;
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
        Assert.Equal(["password"], Directory.GetFiles(ilo.Directory).Select(Path.GetFileName));
        Assert.Equal(0, ilo.Ilo.Sessions.Count);
        gate.TrySetResult();
    }
}

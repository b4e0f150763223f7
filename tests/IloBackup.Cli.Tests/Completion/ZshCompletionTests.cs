using IloBackup.Cli.Tests.Install;

namespace IloBackup.Cli.Tests.Completion;

/// <summary>
/// The script <c>ilobackup completion zsh</c> prints, in a real zsh (<c>zsh -f</c>: no user setup), with
/// zsh's completion builtins replaced by functions that print what they were given (zsh's own
/// <c>compadd</c> then filters by what is typed).
/// </summary>
public sealed class ZshCompletionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-zsh-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [CommandFact("zsh")]
    public async Task Offers_verbs_options_inventory_files_and_known_hosts()
    {
        var knownHosts = Path.Combine(_directory, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, "ilo1.example.com:443 SHA256:AA\n127.0.0.1:9443 SHA256:BB\n");

        Assert.Contains("fleet", await CompleteAsync(knownHosts, "ilobackup", "fle"));
        Assert.Equal(["backup", "custom-backup"], await CompleteAsync(knownHosts, "ilobackup", "fleet", ""));
        Assert.Contains("--concurrency", await CompleteAsync(knownHosts, "ilobackup", "fleet", "backup", "--conc"));
        Assert.Equal(["FILES -g *.(yaml|yml|csv|txt)"], await CompleteAsync(knownHosts, "ilobackup", "fleet", "backup", "--inventory", ""));
        Assert.Equal(["ilo1.example.com", "127.0.0.1:9443"], await CompleteAsync(knownHosts, "ilobackup", "backup", "--user", "admin", ""));
        Assert.Equal(["create", "delete", "list", "restore"], await CompleteAsync(knownHosts, "ilobackup", "nand", "ilo1", ""));
        // --repo takes a folder or a repository file: files (zsh's _files offers folders too)
        Assert.Equal(["COMPSET -P *=", "FILES "], await CompleteAsync(knownHosts, "ilobackup", "history", "--repo=ba"));
    }

    private async Task<string[]> CompleteAsync(string knownHosts, params string[] words)
    {
        var (code, script, error) = await CliRun.RunAsync("completion", "zsh");
        Assert.True(code == ExitCodes.Ok, error);
        var scriptFile = Path.Combine(_directory, "ilobackup.zsh");
        await File.WriteAllTextAsync(scriptFile, script);
        var quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
        var driver = "compadd() { [[ $1 == -- ]] && shift; print -l -- \"$@\"; }\n"
            + "_files() { print -- \"FILES $*\"; }\n_directories() { print -- DIRS; }\ncompset() { print -- \"COMPSET $*\"; }\n"
            + $"source '{scriptFile}'\nwords=({quoted}); CURRENT={words.Length}\n_ilobackup\n";
        var (status, output, stderr) = await Processes.RunAsync("zsh", ["-f", "-c", driver],
            new Dictionary<string, string?> { ["ILOBACKUP_KNOWN_HOSTS"] = knownHosts }, _directory);
        Assert.True(status == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

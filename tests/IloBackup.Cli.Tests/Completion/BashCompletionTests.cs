using IloBackup.Cli.Tests.Install;

namespace IloBackup.Cli.Tests.Completion;

/// <summary>
/// The script <c>ilobackup completion bash</c> prints, loaded in a real bash and asked as bash asks it
/// (COMP_WORDS, COMP_CWORD, then the completion function).
/// </summary>
public sealed class BashCompletionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-completion-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [CommandFact("bash")]
    public async Task Completes_verbs_and_sub_verbs()
    {
        Assert.Equal(["fleet"], await CompleteAsync("ilobackup", "fle"));
        Assert.Equal(["backup"], await CompleteAsync("ilobackup", "fleet", "b"));
        Assert.Contains("demo", await CompleteAsync("ilobackup", ""));
        Assert.Equal(["bash", "zsh"], await CompleteAsync("ilobackup", "completion", ""));
    }

    [CommandFact("bash")]
    public async Task Completes_options_of_the_command_being_typed()
    {
        Assert.Equal(["--concurrency"], await CompleteAsync("ilobackup", "fleet", "backup", "--conc"));
        // After an option and its value, still the options of fleet backup.
        Assert.Equal(["--repo", "--retries"], (await CompleteAsync("ilobackup", "fleet", "backup", "--inventory", "x.yaml", "--re")).Order(StringComparer.Ordinal));
        Assert.Empty(await CompleteAsync("ilobackup", "history", "--conc"));
    }

    [CommandFact("bash")]
    public async Task Options_come_from_the_command_tree()
    {
        // Every option of every command, as System.CommandLine knows them: a new option is completed without editing the script.
        var root = CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false));
        var prune = root.Subcommands.Single(c => c.Name == "prune");
        var expected = prune.Options.Select(o => o.Name).Append("--config").Append("--help").Order(StringComparer.Ordinal);
        Assert.Equal(expected, (await CompleteAsync("ilobackup", "prune", "--")).Order(StringComparer.Ordinal));
    }

    [CommandFact("bash")]
    public async Task Inventory_values_are_inventory_files_and_folders()
    {
        foreach (var name in new[] { "a.yaml", "b.yml", "c.csv", "d.txt", "e.bak", "f.json" })
        {
            await File.WriteAllTextAsync(Path.Combine(_directory, name), string.Empty);
        }

        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        var offered = await CompleteAsync("ilobackup", "fleet", "backup", "--inventory", "");
        Assert.Equal(["a.yaml", "b.yml", "c.csv", "d.txt", "sub"], offered.Order(StringComparer.Ordinal));
        Assert.Equal(["c.csv"], await CompleteAsync("ilobackup", "fleet", "backup", "--inventory", "c"));
    }

    [CommandFact("bash")]
    public async Task Host_positions_offer_the_known_hosts()
    {
        var knownHosts = Path.Combine(_directory, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, "# pinned\nilo1.example.com:443 SHA256:AA\n127.0.0.1:9443 SHA256:BB\n\nilo2.example.com:8443 SHA256:CC\n");
        var env = new Dictionary<string, string?> { ["ILOBACKUP_KNOWN_HOSTS"] = knownHosts };
        Assert.Equal(["127.0.0.1:9443", "ilo1.example.com", "ilo2.example.com:8443"],
            (await CompleteAsync(env, "ilobackup", "backup", "")).Order(StringComparer.Ordinal));
        Assert.Equal(["ilo1.example.com", "ilo2.example.com:8443"],
            (await CompleteAsync(env, "ilobackup", "restore", "--user", "admin", "ilo")).Order(StringComparer.Ordinal));
        // The second argument of restore is a file, not a host.
        Assert.Contains("known_hosts", await CompleteAsync(env, "ilobackup", "restore", "ilo1.example.com", "kno"));
    }

    [CommandFact("bash")]
    public async Task A_host_with_a_port_completes_across_the_colon_as_bash_splits_it()
    {
        var knownHosts = Path.Combine(_directory, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, "127.0.0.1:9443 SHA256:AA\n127.0.0.1:9444 SHA256:BB\n");
        var env = new Dictionary<string, string?> { ["ILOBACKUP_KNOWN_HOSTS"] = knownHosts };
        // bash splits "127.0.0.1:94" at the colon in COMP_WORDS, and replaces only what follows it.
        Assert.Equal(["9443", "9444"], await CompleteLineAsync(env, "ilobackup backup --json 127.0.0.1:94", "ilobackup", "backup", "--json", "127.0.0.1", ":", "94"));
        Assert.Equal(["--repo", "--retries"], (await CompleteLineAsync(env, "ilobackup fleet backup --re", "ilobackup", "fleet", "backup", "--re"))
            .Order(StringComparer.Ordinal));
    }

    [CommandFact("bash")]
    public async Task Fixed_choices_are_offered()
    {
        Assert.Equal(["create", "delete", "list", "restore"], await CompleteAsync("ilobackup", "nand", "ilo1", ""));
    }

    private Task<string[]> CompleteAsync(params string[] words) => CompleteAsync(new Dictionary<string, string?>(), words);

    private Task<string[]> CompleteAsync(IReadOnlyDictionary<string, string?> environment, params string[] words) =>
        CompleteLineAsync(environment, null, words);

    /// <summary>As bash calls the function: COMP_WORDS split at its word breaks, and COMP_LINE/COMP_POINT when a line is given.</summary>
    private async Task<string[]> CompleteLineAsync(IReadOnlyDictionary<string, string?> environment, string? line, params string[] words)
    {
        var (code, script, error) = await CliRun.RunAsync("completion", "bash");
        Assert.True(code == ExitCodes.Ok, error);
        var scriptFile = Path.Combine(_directory, "ilobackup.bash");
        await File.WriteAllTextAsync(scriptFile, script);
        var quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
        var lineVariables = line is null ? string.Empty : $"COMP_LINE='{line}'; COMP_POINT={line.Length}; ";
        var driver = $"source '{scriptFile}'; {lineVariables}COMP_WORDS=({quoted}); COMP_CWORD={words.Length - 1}; _ilobackup; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var env = new Dictionary<string, string?>(environment) { ["ILOBACKUP_KNOWN_HOSTS"] = environment.GetValueOrDefault("ILOBACKUP_KNOWN_HOSTS") ?? Path.Combine(_directory, "none") };
        var (status, output, stderr) = await Processes.RunAsync("bash", ["--norc", "--noprofile", "-c", driver], env, _directory);
        Assert.True(status == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.CommandLine;

namespace IloBackup.Cli.Tests.Golden;

/// <summary>
/// Every verb's <c>--help</c> against its golden file; the list of verbs comes from the command tree,
/// so a new verb or option shows up here by itself (ILOBACKUP_BLESS=1 writes the files).
/// </summary>
public sealed class HelpGoldenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("golden-help-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var verb in VerbNames())
        {
            data.Add(verb);
        }

        return data;
    }

    private static IEnumerable<string> VerbNames() =>
        Paths(CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, isInteractive: false)), [])
            .Select(path => string.Join(' ', path));

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_matches_its_golden_file(string verb)
    {
        var config = Path.Combine(_directory, "empty.yaml");
        await File.WriteAllTextAsync(config, "# no defaults\n");
        string[] args = [.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help", "--config", config];

        var (code, output, error) = await CliRun.RunAsync(args);

        Assert.True(code == 0, error);
        var name = $"help/{(verb.Length == 0 ? "ilobackup" : verb.Replace(' ', '-'))}.txt";
        Assert.Null(GoldenFiles.Check(name, output.Replace("testhost", "ilobackup", StringComparison.Ordinal))); // the test host runs the CLI
    }

    [Fact]
    public void Every_golden_help_file_belongs_to_a_verb()
    {
        var verbs = VerbNames().Select(v => v.Length == 0 ? "ilobackup" : v.Replace(' ', '-')).ToHashSet();
        var folder = Path.Combine(GoldenFiles.Directory(), "help");
        var stale = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.txt").Select(Path.GetFileNameWithoutExtension).Where(f => !verbs.Contains(f!)).ToArray()
            : [];
        Assert.Empty(stale);
    }

    private static IEnumerable<string[]> Paths(Command command, string[] prefix)
    {
        yield return prefix;
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var path in Paths(sub, [.. prefix, sub.Name]))
            {
                yield return path;
            }
        }
    }
}

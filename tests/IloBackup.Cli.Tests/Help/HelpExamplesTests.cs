using System.CommandLine;
using IloBackup.Cli.Help;

namespace IloBackup.Cli.Tests.Help;

/// <summary>Issue 15, "Help and mistakes": every verb's help has examples; shared options are worded the same everywhere.</summary>
public sealed class HelpExamplesTests
{
    private static readonly RootCommand Root = CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, isInteractive: false));

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Commands(Root, string.Empty))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_has_examples_that_name_the_verb(string verb)
    {
        Assert.True(VerbExamples.Of(verb).Count > 0, $"'{verb}' has no examples: add them in src/IloBackup.Cli/Help/VerbExamples.cs");
        Assert.All(VerbExamples.Of(verb), line => Assert.Contains($"ilobackup {verb}".TrimEnd(), line, StringComparison.Ordinal));

        var (code, output, _) = await CliRun.RunAsync([.. verb.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Examples:\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_shared_by_verbs_is_described_in_one_wording()
    {
        var wordings = Commands(Root, string.Empty)
            .SelectMany(c => c.Command.Options.Where(o => !o.Hidden && o.Name is "--json" or "--verbose" or "--repo" or "--password-file"
                or "--password-stdin" or "--insecure" or "--trust-new" or "--fingerprint" or "--ca-file")
                // The demo's own scratch repository; config show's flags that say what a flag would change;
                // trust's flags that say what to pin (elsewhere they say what to accept); the password of
                // the dashboard user being added, not the iLO's.
                .Where(o => !(c.Path == "demo" && o.Name == "--repo") && !(c.Path == "config show" && o.Name != "--json")
                    && !(c.Path == "trust" && o.Name is "--trust-new" or "--fingerprint")
                    && !(c.Path == "serve user add" && o.Name is "--password-file" or "--password-stdin"))
                .Select(o => (o.Name, c.Path, o.Description)))
            .GroupBy(o => o.Name)
            .Where(g => g.Select(o => o.Description).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(" | ", g.Select(o => $"{o.Path}: {o.Description}")))
            .ToArray();
        Assert.True(wordings.Length == 0, string.Join("\n", wordings));
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        if (!command.Hidden)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var found in Commands(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return found;
            }
        }
    }
}

using System.CommandLine;
using IloBackup.Cli.Tests.Install;

namespace IloBackup.Cli.Tests.Help;

/// <summary><c>ilobackup help --man</c>: a roff page groff renders without a warning, covering the whole command tree.</summary>
public sealed class ManPageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-man-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [CommandFact("groff")]
    public async Task Renders_cleanly_and_covers_every_command_and_option()
    {
        var (code, page, error) = await CliRun.RunAsync("help", "--man");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.StartsWith(".TH ILOBACKUP 1 ", page, StringComparison.Ordinal);
        var file = Path.Combine(_directory, "ilobackup.1");
        await File.WriteAllTextAsync(file, page);

        // -ww: every warning; wide lines and no hyphenation so names are not broken in the text compared below.
        var (status, text, warnings) = await Processes.RunAsync("groff", ["-t", "-man", "-Tutf8", "-ww", "-rLL=400n", "-rHY=0", "-P-cbou", file]);
        Assert.True(status == 0, warnings);
        Assert.Equal(string.Empty, warnings);

        var root = CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, false));
        foreach (var (path, command) in Commands(root, "ilobackup"))
        {
            Assert.Contains(path, text, StringComparison.Ordinal);
            foreach (var option in command.Options.Where(o => !o.Hidden))
            {
                Assert.Contains(option.Name, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains("EXIT STATUS", text, StringComparison.Ordinal);
        Assert.Contains("ILOBACKUP_CONFIG", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_what_roff_would_read_as_requests()
    {
        Assert.Equal("\\-\\-repo", IloBackup.Cli.Help.ManPage.Escape("--repo"));
        Assert.Equal("a\\eb", IloBackup.Cli.Help.ManPage.Escape("a\\b"));
        Assert.Equal("x\n\\&.TH evil\n\\&'br", IloBackup.Cli.Help.ManPage.Escape("x\n.TH evil\n'br"));
    }

    [Fact]
    public async Task Help_for_a_command_prints_its_usage()
    {
        var (code, output, _) = await CliRun.RunAsync("help", "fleet", "backup");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(" fleet backup [options]", output, StringComparison.Ordinal); // the root is named after the process
        Assert.Contains("--inventory", output, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            yield return ($"{path} {sub.Name}", sub);
            foreach (var nested in Commands(sub, $"{path} {sub.Name}"))
            {
                yield return nested;
            }
        }
    }
}

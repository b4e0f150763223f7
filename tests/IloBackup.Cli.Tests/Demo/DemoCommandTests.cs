namespace IloBackup.Cli.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_backs_up_breaks_restores_verifies_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["demo", "--count", "4"], new CliConsole(output, error, TextReader.Null, isInteractive: false));

        var text = output.ToString();
        Assert.True(code == 0, text + error);
        Assert.Contains("4 iLOs: 4 ok", text, StringComparison.Ordinal);
        Assert.Contains("as before the failure", text, StringComparison.Ordinal);
        // Issue 15: the nightly backup after the battery failure is suspect, and restore by serial passes it over.
        Assert.Contains("SUSPECT", text, StringComparison.Ordinal);
        Assert.Matches(@"the new backup of \S+ is marked suspect", text);
        Assert.Matches(@"passed over #\d+, taken [^:]+:\d\d:\d\dZ: marked suspect: looks like factory defaults", text);
        Assert.Contains("demo passed", text, StringComparison.Ordinal);
        var state = System.Text.RegularExpressions.Regex.Match(text, @"state in (\S+)").Groups[1].Value;
        Assert.NotEmpty(state);
        Assert.False(Directory.Exists(state), "the demo cleans up its temporary directories");
    }
}

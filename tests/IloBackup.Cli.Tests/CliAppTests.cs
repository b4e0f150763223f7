namespace IloBackup.Cli.Tests;

public sealed class CliAppTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, TextReader.Null, isInteractive: false);
        var code = await CliApp.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var (code, output, _) = await RunAsync("--version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(CliApp.Version, output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Help_describes_the_tool()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("ilobackup", output, StringComparison.Ordinal);
        Assert.Contains("iLO", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("no-such-verb");
        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.NotEmpty(error);
    }
}

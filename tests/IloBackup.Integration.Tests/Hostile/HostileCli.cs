using IloBackup.Cli;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>Runs the CLI in process over string writers.</summary>
internal static class HostileCli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, input, isInteractive: false), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}

namespace IloBackup.Cli.Tests;

/// <summary>Runs the CLI in process over string writers.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string? stdin, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? string.Empty);
        var console = new CliConsole(output, error, input, isInteractive: false);
        var code = await CliApp.RunAsync(args, console, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, CancellationToken.None, args);
}

using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace IloBackup.Cli;

/// <summary>Builds the command tree and runs it with one catch-all at the top.</summary>
public static class CliApp
{
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "ilobackup: back up and restore HPE iLO configuration, for one iLO or a fleet, and emulate iLOs for testing.");
        // The default --version reads the entry assembly, which is the test host under tests.
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction();
        }

        root.Options.Add(new Option<string?>(Configuration.ConfigLocation.Option)
        {
            Description = "Config file of defaults (else $ILOBACKUP_CONFIG, else ~/.config/ilobackup/config.yaml)",
            HelpName = "FILE",
            Recursive = true,
        });
        foreach (var command in CommandRegistry.Create(console))
        {
            root.Subcommands.Add(command);
        }

        Help.VerbExamples.AddTo(root);

        return root;
    }

    public static Task<int> RunAsync(string[] args, CliConsole console) => RunAsync(args, console, CancellationToken.None);

    /// <summary>Runs with an extra cancellation source besides Ctrl+C (tests interrupt a run this way).</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken) =>
        RunAsync(args, console, cancellationToken, signalsHandledOutside: false);

    /// <summary>
    /// Runs; with <paramref name="signalsHandledOutside"/> the caller turns SIGINT/SIGTERM into
    /// <paramref name="cancellationToken"/> itself (the real process: <see cref="InterruptExit"/>) and
    /// System.CommandLine's own handling is off.
    /// </summary>
    internal static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken, bool signalsHandledOutside)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRoot(console);
        try
        {
            // Flag, then environment, then config file, then built-in (docs/configuration.md).
            Configuration.SettingsLayer.Apply(root, Configuration.CliSettings.Load(args, Environment.GetEnvironmentVariable));
        }
        catch (CliUsageException ex)
        {
            return await Output.ErrorReport.WriteAsync(console, args, ex, ex.Message, ExitCodes.Usage).ConfigureAwait(false);
        }

        if (await Help.CommandLineMistakes.CheckAsync(root, args, console).ConfigureAwait(false) is { } mistake)
        {
            return mistake;
        }

        var parse = root.Parse(args);
        var config = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // After Ctrl+C, give a command time to log out of its iLO sessions (their own budget is 10 s).
            ProcessTerminationTimeout = signalsHandledOutside ? null : InterruptExit.CleanupBudget,
        };

        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            return await Output.ErrorReport.WriteAsync(
                console, args, null, string.Join("; ", parse.Errors.Select(e => e.Message)), ExitCodes.Usage).ConfigureAwait(false);
        }

        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            return await Output.ErrorReport.WriteAsync(console, args, ex, "interrupted", ExitCodes.Interrupted).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            return await Output.ErrorReport.WriteAsync(console, args, ex, ex.Message, ExitCodes.Usage).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The one catch-all of the process: print one clean line, never a stack trace by default.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A message may quote what an iLO sent: never let it drive the terminal.
            await Output.ErrorReport.WriteAsync(console, args, ex, IloBackup.Redfish.Json.UntrustedText.Clean(ex.Message)!, ExitCodes.Failed).ConfigureAwait(false);
            if (args.Contains("--verbose"))
            {
                await console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }
    }

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}

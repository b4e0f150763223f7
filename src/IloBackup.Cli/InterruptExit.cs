using System.Runtime.InteropServices;

namespace IloBackup.Cli;

/// <summary>
/// Ctrl+C as shells expect (issue 15, safety 9). The real process turns the first SIGINT or SIGTERM
/// into cancellation of the verb, which cleans up (sessions logged out, a fleet run's partial report
/// written) and returns 130. After a SIGINT the process then puts back the default SIGINT action and
/// sends SIGINT to itself, so it ends <em>by</em> the signal: a shell script stops too
/// (<c>bash -c 'ilobackup fleet backup …; echo after'</c> prints nothing after it) and <c>$?</c> still
/// reads 130. A second signal, or a cleanup longer than <see cref="CleanupBudget"/>, ends it at once.
/// Tests run commands in their own process and keep System.CommandLine's handling; so does Windows.
/// </summary>
internal static partial class InterruptExit
{
    /// <summary>How long a verb may take to clean up after Ctrl+C (its logouts have a 10 s budget of their own).</summary>
    public static readonly TimeSpan CleanupBudget = TimeSpan.FromSeconds(15);

    private const int SigInt = 2; // the same on Linux and macOS
    private const int None = 0;
    private const int Interrupt = 1;
    private const int Terminate = 2;
    private static readonly nint DefaultAction = 0; // SIG_DFL

    public static async Task<int> RunAsync(CliConsole console, string[] args)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!console.OwnsProcess || OperatingSystem.IsWindows())
        {
            return await CliApp.RunAsync(args, console).ConfigureAwait(false);
        }

        using var cancel = new CancellationTokenSource();
        var received = None;
        void OnSignal(PosixSignalContext context)
        {
            if (Interlocked.CompareExchange(ref received, context.Signal == PosixSignal.SIGINT ? Interrupt : Terminate, None) != None)
            {
                return; // the second one: its default action ends the process now
            }

            context.Cancel = true;
            cancel.Cancel();
            _ = ForceAfterBudgetAsync(console, context.Signal);
        }

        int code;
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal))
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal))
        {
            code = await CliApp.RunAsync(args, console, cancel.Token, signalsHandledOutside: true).ConfigureAwait(false);
        }

        if (code == ExitCodes.Interrupted && Volatile.Read(ref received) == Interrupt)
        {
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await console.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            RaiseDefaultSigint();
        }

        // Not reached after the signal is raised; otherwise the verb's code.
        return code;
    }

    private static async Task ForceAfterBudgetAsync(CliConsole console, PosixSignal signal)
    {
        await Task.Delay(CleanupBudget, console.Time).ConfigureAwait(false);
        await console.Error.WriteLineAsync("error: interrupted: cleanup took too long, stopping now").ConfigureAwait(false);
        await console.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (signal == PosixSignal.SIGINT)
        {
            RaiseDefaultSigint();
        }

        Environment.Exit(ExitCodes.Interrupted);
    }

    /// <summary>Default action for SIGINT, then SIGINT to this process: it terminates, reported as killed by SIGINT.</summary>
    private static void RaiseDefaultSigint()
    {
        _ = SetSignalAction(SigInt, DefaultAction);
        _ = Kill(Environment.ProcessId, SigInt);
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignalAction(int signal, nint action);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}

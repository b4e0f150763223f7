using System.Globalization;
using IloBackup.Engine.Fleet;
using Spectre.Console;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// The live display of a fleet run at a terminal: one bar with hosts done, failing, rate and time
/// left. Elsewhere (pipes, CI, --json) nothing is drawn and the run is simply awaited.
/// </summary>
internal static class FleetProgressDisplay
{
    /// <summary>
    /// Runs the fleet; an interrupted run (Ctrl+C) returns its partial report (<see cref="FleetReport.WasInterrupted"/>,
    /// exit code 130) once every started iLO's session is logged out, so the verb reports it like any other.
    /// </summary>
    public static async Task<FleetReport> RunAsync(
        CliConsole console, string verb, int total, Func<IProgress<FleetProgress>?, Task<FleetReport>> run, bool show)
    {
        try
        {
            return await ShowAsync(console, verb, total, run, show).ConfigureAwait(false);
        }
        catch (FleetRunInterruptedException interrupted)
        {
            return interrupted.Report;
        }
    }

    private static async Task<FleetReport> ShowAsync(
        CliConsole console, string verb, int total, Func<IProgress<FleetProgress>?, Task<FleetReport>> run, bool show)
    {
        if (!show || !console.IsInteractive || total == 0)
        {
            return await run(null).ConfigureAwait(false);
        }

        var ansi = Repository.RepoCli.Ansi(console);
        FleetReport? report = null;
        await ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Describe(verb, null, total), maxValue: total);
                var progress = new SynchronousProgress(p =>
                {
                    task.Value = p.Completed;
                    task.Description = Describe(verb, p, total);
                });
                report = await run(progress).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
        return report!;
    }

    private static string Describe(string verb, FleetProgress? p, int total)
    {
        if (p is null)
        {
            return Markup.Escape($"{verb} 0/{total}");
        }

        var failing = p.Failed > 0 ? $" · [red]{p.Failed} failing[/]" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Markup.Escape(verb)} {p.Completed}/{total}{failing} · {p.Running} running · {p.Rate:0.0}/s");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread-pool queue out of order).</summary>
    private sealed class SynchronousProgress(Action<FleetProgress> report) : IProgress<FleetProgress>
    {
        private readonly Lock _gate = new();

        public void Report(FleetProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}

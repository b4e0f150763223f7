namespace IloBackup.Cli.Connection;

/// <summary>
/// The total time a verb may take talking to an iLO (<c>--deadline</c>): whatever the iLO does (a
/// trickle of one byte a minute never trips the idle timeout), the verb ends at the deadline with
/// an error naming the host and the limit. The time comes from the console's clock (tests use a fake one).
/// </summary>
internal static class VerbDeadline
{
    public static async Task<int> RunAsync(
        CliConsole console, string host, string verb, TimeSpan deadline, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        using var timer = new CancellationTokenSource(deadline, console.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await body(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{host}: {verb} stopped at its deadline of {Describe(deadline)} (--deadline): the iLO was still not done "
                + "(answering too slowly, or trickling its answer)", e);
        }
    }

    public static string Describe(TimeSpan time) =>
        time.TotalMinutes >= 1 && time.Seconds == 0 ? $"{time.TotalMinutes:0.#} min" : $"{time.TotalSeconds:0.#} s";
}

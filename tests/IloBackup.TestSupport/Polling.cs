namespace IloBackup.TestSupport;

/// <summary>Waits for an observable condition with a bounded timeout (never a fixed sleep).</summary>
public static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var budget = new CancellationTokenSource(timeoutMs);
        while (!condition())
        {
            if (budget.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Yield();
            await Task.Delay(5, CancellationToken.None);
        }
    }
}

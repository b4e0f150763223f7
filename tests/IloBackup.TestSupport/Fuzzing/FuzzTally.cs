using System.Globalization;
using Xunit.Abstractions;

namespace IloBackup.TestSupport.Fuzzing;

/// <summary>
/// Counts what a parser did with fuzzed inputs: accepted, rejected with its own clear error, or
/// crashed (any other exception, a 5xx, or a broken property). Thread-safe; reports one line.
/// </summary>
public sealed class FuzzTally(string parser)
{
    private readonly Lock _gate = new();
    private readonly List<string> _crashes = [];
    private long _accepted;
    private long _rejected;

    public string Parser { get; } = parser;

    public long Inputs => Interlocked.Read(ref _accepted) + Interlocked.Read(ref _rejected) + Crashed;

    public long Crashed
    {
        get
        {
            lock (_gate)
            {
                return _crashes.Count;
            }
        }
    }

    public void Accepted() => Interlocked.Increment(ref _accepted);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public void Crash(string what)
    {
        lock (_gate)
        {
            _crashes.Add(what);
        }
    }

    /// <summary>Runs <paramref name="parse"/>: no exception is accepted, an exception <paramref name="isClearRejection"/> allows is rejected, anything else a crash.</summary>
    public async Task RunAsync(Func<Task> parse, Func<Exception, bool> isClearRejection, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(isClearRejection);
        ArgumentNullException.ThrowIfNull(describe);
        try
        {
            await parse();
            Accepted();
        }
        catch (Exception e) when (isClearRejection(e) && !string.IsNullOrWhiteSpace(e.Message))
        {
            Rejected();
        }
        catch (Exception e)
        {
            Crash($"{e.GetType().Name}: {e.Message} on {describe()}");
        }
    }

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"fuzz {Parser}: {Inputs} inputs, {Interlocked.Read(ref _accepted)} accepted, {Interlocked.Read(ref _rejected)} rejected cleanly, {Crashed} crashed or 5xx");

    /// <summary>Prints the tally (and appends it to <c>ILOBACKUP_FUZZ_REPORT</c>), then fails on any crash.</summary>
    public void ReportAndAssert(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = Line();
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable(FuzzBudget.ReportVariable) is { Length: > 0 } report)
        {
            File.AppendAllText(report, line + Environment.NewLine);
        }

        List<string> crashes;
        lock (_gate)
        {
            crashes = [.. _crashes.Take(5)];
        }

        if (crashes.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(line + Environment.NewLine + string.Join(Environment.NewLine, crashes));
        }
    }
}

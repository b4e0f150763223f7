namespace IloBackup.Cli.Output;

/// <summary>
/// Reports the stages of a long operation on stderr, one line each time the stage changes (so
/// scripts and logs read well; stdout stays for the result). <c>decorate</c> adds what changes
/// within a stage (the time elapsed) to the printed line without making it a new stage.
/// </summary>
internal sealed class StageReporter<T>(CliConsole console, Func<T, string?> describe, bool quiet, Func<T, string, string>? decorate = null)
    : IProgress<T>
{
    private readonly Lock _gate = new();
    private string? _last;

    public void Report(T value)
    {
        if (quiet)
        {
            return;
        }

        var text = describe(value);
        lock (_gate)
        {
            if (text is null || text == _last)
            {
                return;
            }

            _last = text;
            console.Error.WriteLine(decorate is null ? text : decorate(value, text));
        }
    }
}

namespace IloBackup.Cli;

/// <summary>
/// The streams a command writes to. Tests pass their own writers so output can be compared
/// with golden files; the real process uses the system console.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, TextReader input, bool isInteractive)
{
    public static CliConsole System { get; } = new(
        Console.Out, Console.Error, Console.In, !Console.IsInputRedirected && !Console.IsOutputRedirected) { OwnsProcess = true };

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public TextReader In { get; } = input;

    /// <summary>True when a person can answer a prompt (stdin and stdout are a terminal).</summary>
    public bool IsInteractive { get; } = isInteractive;

    /// <summary>
    /// True for the real process (<see cref="System"/>): the command may change process-wide
    /// settings such as the native environment. False for tests that run commands in their own process.
    /// </summary>
    public bool OwnsProcess { get; init; }

    /// <summary>The clock of every timeout and deadline a command sets (tests pass a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

namespace IloBackup.Cli.Completion;

/// <summary>
/// What completes after one command (its path below the root, words joined by spaces): its sub-verbs,
/// the options it accepts (inherited ones included), the value kind of each of its own options that takes a
/// value (<c>Everywhere</c>: a recursive option, valid under every command),
/// and the value kind of each positional argument.
/// </summary>
internal sealed record CompletionNode(
    string Path,
    IReadOnlyList<string> Subcommands,
    IReadOnlyList<string> Options,
    IReadOnlyList<(string Name, string Kind, bool Everywhere)> ValueOptions,
    IReadOnlyList<string> Arguments,
    bool LastArgumentRepeats);

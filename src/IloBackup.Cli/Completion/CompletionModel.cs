using System.CommandLine;
using System.CommandLine.Completions;

namespace IloBackup.Cli.Completion;

/// <summary>
/// Reads the System.CommandLine tree into <see cref="CompletionNode"/>s, so the shell scripts know every
/// verb and option the tool has, those other verbs add included. Value kinds: <c>hosts</c> (an iLO from
/// known_hosts), <c>inventory</c> (*.yaml, *.yml, *.csv, *.txt), <c>config</c> (*.yaml, *.yml), <c>dirs</c>,
/// <c>files</c>, <c>words:A B C</c> (fixed choices) and <c>none</c> (free text: nothing to offer).
/// </summary>
internal static class CompletionModel
{
    public static IReadOnlyList<CompletionNode> Build(Command root)
    {
        var nodes = new List<CompletionNode>();
        Walk(root, string.Empty, [], nodes);
        return nodes;
    }

    private static void Walk(Command command, string path, List<Option> inherited, List<CompletionNode> nodes)
    {
        var options = inherited.Concat(command.Options.Where(o => !o.Hidden)).DistinctBy(o => o.Name).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        nodes.Add(new CompletionNode(
            path,
            subcommands.Select(c => c.Name).ToList(),
            options.SelectMany(Names).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList(),
            // An inherited (recursive) option is written once, for every command, by the root's node.
            command.Options.Where(o => !o.Hidden && TakesValue(o))
                .SelectMany(o => Names(o).Select(n => (n, OptionKind(o), o.Recursive))).ToList(),
            arguments.Select(a => ArgumentKind(a)).ToList(),
            arguments.Count > 0 && arguments[^1].Arity.MaximumNumberOfValues > 1));

        var passedOn = inherited.Concat(command.Options.Where(o => o.Recursive && !o.Hidden)).ToList();
        foreach (var sub in subcommands)
        {
            Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", passedOn, nodes);
        }
    }

    private static IEnumerable<string> Names(Option option) => new[] { option.Name }.Concat(option.Aliases);

    private static bool TakesValue(Option option) => option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);

    private static string OptionKind(Option option)
    {
        if (Choices(option.GetCompletions(CompletionContext.Empty)) is { } words)
        {
            return words;
        }

        return option.Name switch
        {
            "--inventory" => "inventory",
            Configuration.ConfigLocation.Option => "config",
            "--output" => "dirs",
            _ when option.Name.EndsWith("-dir", StringComparison.Ordinal) => "dirs",
            _ when option.Name.EndsWith("-file", StringComparison.Ordinal) || option.Name.EndsWith("-out", StringComparison.Ordinal) => "files",
            "--profile" or "--html" => "files",
            _ => ByHelpName(option.HelpName),
        };
    }

    private static string ArgumentKind(Argument argument)
    {
        if (Choices(argument.GetCompletions(CompletionContext.Empty)) is { } words)
        {
            return words;
        }

        return argument.Name switch
        {
            "HOST" => "hosts",
            "FILE" or "A" or "B" => "files",
            _ => ByHelpName(argument.HelpName),
        };
    }

    private static string ByHelpName(string? helpName) => helpName switch
    {
        "DIR" => "dirs",
        "FILE" or "PATH" or "REPO" => "files", // REPO: a folder or a repository file
        _ => "none",
    };

    private static string? Choices(IEnumerable<CompletionItem> items)
    {
        var labels = items.Select(i => i.Label).Where(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')).ToList();
        return labels.Count > 0 ? "words:" + string.Join(' ', labels) : null;
    }
}
